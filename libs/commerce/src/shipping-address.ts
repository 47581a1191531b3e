import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** Where goods go (docs/RULES.md §25), kept with the checkout and each of its orders as it was given. */
@ObjectType()
export class ShippingAddress {
  @Field()
  recipientName: string;

  @Field()
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

/** Postal code 5 digits; phone 9–11 digits, dashes allowed (docs/RULES.md §25). */
@InputType()
export class ShippingAddressInput {
  @Field()
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  recipientName: string;

  @Field()
  @IsString()
  @Matches(/^(?:\d-?){8,10}\d$/, { message: 'must be 9 to 11 digits (dashes allowed)' })
  phone: string;

  @Field()
  @IsString()
  @Matches(/^\d{5}$/, { message: 'must be 5 digits' })
  postalCode: string;

  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  address1: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  address2?: string | null;

  @Field(() => String, { nullable: true })
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
