import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

/** Pays what `id` names with the key the client got from the payment provider. */
@InputType('PayInput')
export class PayInput {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field()
  @IsString()
  @Length(1, 200)
  paymentKey: string;
}
