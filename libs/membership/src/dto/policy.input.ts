import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { PolicyKind } from '../policy-document.entity.js';

@InputType({ description: 'The next version of a policy (operators).' })
export class PublishPolicyInput {
  @Field(() => PolicyKind, { description: 'Which policy; the new version number is the previous plus one.' })
  @IsEnum(PolicyKind)
  kind: PolicyKind;

  @Field({ description: 'Title, 1–200 characters.' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  title: string;

  @Field({ description: 'Full text, at most 100,000 characters.' })
  @IsString()
  @Length(1, 100_000)
  @Matches(/\S/, { message: 'must not be blank' })
  body: string;
}
