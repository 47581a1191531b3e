import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { PolicyKind } from '../policy-document.entity.js';

@InputType()
export class PublishPolicyInput {
  @Field(() => PolicyKind)
  @IsEnum(PolicyKind)
  kind: PolicyKind;

  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  title: string;

  @Field()
  @IsString()
  @Length(1, 100_000)
  @Matches(/\S/, { message: 'must not be blank' })
  body: string;
}
