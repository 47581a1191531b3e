import { registerEnumType } from '@nestjs/graphql';

/** How the buyer paid, as the provider reports it; decides whether a tax invoice is needed (docs/RULES.md §23). */
export enum PaymentMethodKind {
  CARD = 'CARD',
  TRANSFER = 'TRANSFER',
  VIRTUAL_ACCOUNT = 'VIRTUAL_ACCOUNT',
  EASY_PAY = 'EASY_PAY',
  OTHER = 'OTHER',
}
registerEnumType(PaymentMethodKind, {
  name: 'PaymentMethodKind',
  description: 'How the buyer paid, as the provider reports it. Decides whether a tax invoice is needed (RULES §23).',
  valuesMap: {
    CARD: { description: 'A card funded it, card-backed easy pay included: the card slip stands for the tax invoice.' },
    TRANSFER: { description: 'A bank transfer (계좌이체).' },
    VIRTUAL_ACCOUNT: { description: 'A deposit to a virtual account (가상계좌), when a provider reports one.' },
    EASY_PAY: { description: 'Easy pay funded by its balance or a linked account, not a card.' },
    OTHER: { description: 'Anything else (mobile phone billing, gift certificates).' },
  },
});

/** What a capture tells us, as booked on the payment. */
export interface CaptureRecord {
  paymentKey: string;
  approvedAt: Date;
  method: PaymentMethodKind | null;
  /** The provider attempts that made this capture: SUCCEEDED in the statement that marks the payment PAID. */
  attemptIds?: readonly string[];
}
