import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, MoneyScalar } from '../../common/src/index.js';
import { Organization, OrganizationKind } from '../../identity/src/index.js';

export enum ReportPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(ReportPeriod, {
  name: 'ReportPeriod',
  description: 'How report rows are grouped in time.',
  valuesMap: {
    MONTH: { description: 'Calendar months, labelled 2026-03.' },
    QUARTER: { description: 'Calendar quarters, labelled 2026-Q1.' },
    YEAR: { description: 'Calendar years, labelled 2026.' },
  },
});

export enum SupplyCategory {
  GOODS = 'GOODS',
  SERVICES = 'SERVICES',
}
registerEnumType(SupplyCategory, {
  name: 'SupplyCategory',
  description: '물품 / 용역 in public procurement reporting.',
  valuesMap: {
    GOODS: { description: '물품: orders (goods and subscription deliveries).' },
    SERVICES: { description: '용역: reservations of services.' },
  },
});

@ObjectType({ description: 'One counted purchase (an order or a reservation).' })
export class PriorityPurchase {
  @Field(() => DateScalar, { description: 'KST payment date.' })
  date: string;

  @Field({ description: 'Order or reservation number.' })
  number: string;

  @Field(() => Organization, { description: 'The organization of the supplying partner agency.' })
  supplier: Organization;

  @Field(() => OrganizationKind, { description: 'The kind of the certification valid on the purchase date, else the supplier’s declared kind.' })
  supplierKind: OrganizationKind;

  @Field({ description: 'Whether the supplier held a VERIFIED certification valid on the purchase date.' })
  certified: boolean;

  @Field(() => String, { nullable: true, description: 'The number of that certification; null when not certified.' })
  certificateNumber: string | null;

  @Field(() => SupplyCategory, { description: 'GOODS for an order, SERVICES for a reservation.' })
  category: SupplyCategory;

  @Field({ description: 'Titles of what was bought, joined.' })
  description: string;

  @Field(() => MoneyScalar, { description: 'Paid minus refunded when the report was generated, VAT and shipping included; always > 0.' })
  amount: number;

  @Field(() => String, { nullable: true, description: 'The buyer’s purchase-order number (품의번호) given with the purchase.' })
  purchaseOrderNumber: string | null;

  @Field(() => String, { nullable: true, description: 'The approval number of the issued tax invoice; null until the supplier records it.' })
  taxInvoiceApprovalNumber: string | null;
}

@ObjectType({ description: 'Purchases of one period, supplier kind, certification state and category.' })
export class PriorityPurchaseRow {
  @Field({ description: '2026-03, 2026-Q1 or 2026.' })
  period: string;

  @Field(() => DateScalar, { description: 'The first day of the period, or `from` when the period starts before it.' })
  periodStart: string;

  @Field(() => DateScalar, { description: 'The last day of the period, or `to` when the period ends after it.' })
  periodEnd: string;

  @Field(() => OrganizationKind, { description: 'The supplier’s certified kind, else its declared organization kind.' })
  supplierKind: OrganizationKind;

  @Field({ description: 'Whether these purchases were from suppliers certified on the purchase date.' })
  certified: boolean;

  @Field(() => SupplyCategory, { description: 'GOODS or SERVICES.' })
  category: SupplyCategory;

  @Field(() => Int, { description: 'How many purchases.' })
  purchaseCount: number;

  @Field(() => Int, { description: 'How many distinct supplier organizations.' })
  supplierCount: number;

  @Field(() => MoneyScalar, { description: 'Paid minus refunded, VAT included.' })
  amount: number;
}

@ObjectType({
  description:
    'What one organization (typically a PUBLIC_INSTITUTION) bought through Dure on its own behalf, by period, supplier type and category: the figures behind 사회적기업제품 우선구매 실적 and 사회적경제기업 제품 구매실적. Dure does not know the institution’s total procurement; the ratio is theirs to compute. Computed when asked, never stored.',
})
export class PriorityPurchaseReport {
  @Field(() => Organization, { description: 'The buying organization.' })
  buyerOrganization: Organization;

  @Field(() => DateScalar, { description: 'The first KST date counted.' })
  from: string;

  @Field(() => DateScalar, { description: 'The last KST date counted.' })
  to: string;

  @Field(() => ReportPeriod, { description: 'How the rows are grouped in time.' })
  groupBy: ReportPeriod;

  @Field(() => [PriorityPurchaseRow], { description: 'Sorted by period, supplier kind (declaration order), certified first, GOODS first.' })
  rows: PriorityPurchaseRow[];

  @Field(() => [PriorityPurchase], { description: 'Every purchase counted, for evidence (구매 증빙), by date then number.' })
  purchases: PriorityPurchase[];

  @Field(() => MoneyScalar, { description: 'Σ of every purchase counted.' })
  total: number;

  @Field(() => MoneyScalar, { description: 'Σ of purchases from suppliers with a VERIFIED certification valid on the purchase date.' })
  certifiedTotal: number;

  /** Resolved by PriorityPurchaseReportResolver.csv, only when asked for. */
  csv?: string;

  @Field({ description: 'When the report was computed; amounts are paid minus refunded as of then.' })
  generatedAt: Date;
}
