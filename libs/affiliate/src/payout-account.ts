import { Field, ObjectType } from '@nestjs/graphql';

/** Korean account numbers, written with or without dashes; stored as digits. */
export function normalizeAccountNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^[0-9]{6,20}$/.test(digits) ? digits : null;
}

/** All but the last four digits hidden, so the owner can recognise the account and nobody can use it. */
export function maskAccountNumber(digits: string): string {
  return `${'*'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}

/** Where payouts go, as shown back to the market creator and operators: the number masked. */
@ObjectType('PayoutAccount', { description: 'The bank account payouts go to, shown masked to the market creator and operators.' })
export class PayoutAccountView {
  @Field({ description: 'Three-digit Korean bank code, e.g. 004.' })
  bankCode: string;

  @Field({ description: 'All but the last four digits masked.' })
  maskedAccountNumber: string;

  @Field({ description: "The account holder's name as registered with the bank." })
  accountHolder: string;
}
