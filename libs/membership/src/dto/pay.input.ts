import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

/** Pays what `id` names with the key the client got from the payment provider. */
@InputType('PayInput', { description: 'Confirms a payment the client made with the payment provider.' })
export class PayInput {
  @Field(() => ID, { description: 'What is being paid: the reservation, dues invoice or checkout.' })
  @IsString()
  id: string;

  @Field({ description: "The provider's key for the payment the client just made (Toss `paymentKey`), 1–200 characters." })
  @IsString()
  @Length(1, 200)
  paymentKey: string;
}
