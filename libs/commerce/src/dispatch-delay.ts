import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

/** 발송지연 사유 (docs/RULES.md §17). */
export enum DispatchDelayReason {
  RESTOCKING = 'RESTOCKING',
  MADE_TO_ORDER = 'MADE_TO_ORDER',
  BUYER_REQUEST = 'BUYER_REQUEST',
  PRODUCTION_OR_HARVEST = 'PRODUCTION_OR_HARVEST',
  OTHER = 'OTHER',
}
registerEnumType(DispatchDelayReason, {
  name: 'DispatchDelayReason',
  description: 'Why an order ships later than its deadline (발송지연 사유).',
  valuesMap: {
    RESTOCKING: { description: 'Waiting for stock to come in (재입고 대기).' },
    MADE_TO_ORDER: { description: 'Made after the order (주문 제작).' },
    BUYER_REQUEST: { description: 'The buyer asked for a later dispatch.' },
    PRODUCTION_OR_HARVEST: { description: 'Waiting for production or the harvest (생산·수확 대기).' },
    OTHER: { description: 'Another reason, told in the note.' },
  },
});

/** 발송지연 안내 of one order (docs/RULES.md §17): kept on the order's row, shown as this object. */
@ObjectType('DispatchDelay', { description: '발송지연 안내: once per order, before the deadline; the buyer is told and may still cancel.' })
export class DispatchDelay {
  @Field({ description: 'The deadline before the delay.' })
  previousDeadline: Date;

  @Field({ description: 'End (24:00 KST) of the new ship-by date; now the order’s dispatchDeadline.' })
  newDeadline: Date;

  @Field(() => DispatchDelayReason, { description: 'Why.' })
  reason: DispatchDelayReason;

  @Field(() => String, { nullable: true, description: 'The agency’s words to the buyer, when given.' })
  note: string | null;

  @Field({ description: 'When the agency delayed the dispatch.' })
  createdAt: Date;
}
