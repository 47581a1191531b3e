import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** Kept with the checkout and each of its orders as it was given. */
@ObjectType({
  description:
    "Where goods go, shown to whoever may read its checkout or order (the agency's members once it is paid); masked for the agency from ADDRESS_RETENTION_DAYS after the order ended (docs/RULES.md §25).",
})
export class ShippingAddress {
  @Field({ description: 'Who receives the parcel (받는 분).' })
  recipientName: string;

  @Field({ description: "The recipient's phone number for the courier, as given (dashes kept)." })
  phone: string;

  @Field({ description: '5-digit 우편번호.' })
  postalCode: string;

  @Field({ description: '도로명 주소.' })
  address1: string;

  @Field(() => String, { nullable: true, description: '상세 주소.' })
  address2: string | null;

  @Field(() => String, { nullable: true, description: '배송 메모 for the courier.' })
  deliveryNote: string | null;
}

const NOT_BLANK = /\S/;

@InputType({ description: 'Where goods go; each problem is BAD_USER_INPUT naming its field.' })
export class ShippingAddressInput {
  @Field({ description: 'Who receives the parcel, 1 to 100 characters, not blank.' })
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  recipientName: string;

  @Field({ description: '9 to 11 digits, dashes allowed.' })
  @IsString()
  @Matches(/^(?:\d-?){8,10}\d$/, { message: 'must be 9 to 11 digits (dashes allowed)' })
  phone: string;

  @Field({ description: '5-digit 우편번호.' })
  @IsString()
  @Matches(/^\d{5}$/, { message: 'must be 5 digits' })
  postalCode: string;

  @Field({ description: '도로명 주소, 1 to 200 characters, not blank.' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  address1: string;

  @Field(() => String, { nullable: true, description: '상세 주소, up to 200 characters.' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  address2?: string | null;

  @Field(() => String, { nullable: true, description: '배송 메모 for the courier, up to 200 characters.' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  deliveryNote?: string | null;
}

export function shippingAddressOf(input: ShippingAddressInput): ShippingAddress {
  return {
    recipientName: input.recipientName.trim(),
    phone: input.phone,
    postalCode: input.postalCode,
    address1: input.address1.trim(),
    address2: input.address2?.trim() || null,
    deliveryNote: input.deliveryNote?.trim() || null,
  };
}
