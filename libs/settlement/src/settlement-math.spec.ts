import fc from 'fast-check';
import {
  keptDiscountsOf,
  netOf,
  orderLineAmounts,
  platformFeeVatOf,
  postSettlementRefundAmounts,
  reservationAmounts,
  shippingAmounts,
  shippingKeptOf,
  sumAmounts,
  type SettlementAmounts,
} from './settlement-math.js';

const STANDARD_BPS = 600;

/** docs/RULES.md §22's worked example: 햇살 협동조합, March 2026, line by line. */
const example: Array<{ line: string; amounts: SettlementAmounts; net: number }> = [
  {
    line: 'O-A 쌀 15,000 × 2, platform coupon 3,000, creator 1,000 bps',
    amounts: orderLineAmounts(
      {
        unitPrice: 15_000,
        quantity: 2,
        keptQuantity: 2,
        keptDiscounts: keptDiscountsOf({
          unitPrice: 15_000,
          quantity: 2,
          cancelledQuantity: 0,
          returnedQuantity: 0,
          itemDiscount: 3_000,
          platformDiscount: 3_000,
          refundedAmount: 0,
        }),
        commission: 2_700,
      },
      STANDARD_BPS,
    ),
    net: 25_500,
  },
  {
    line: 'O-A shipping',
    amounts: shippingAmounts(
      shippingKeptOf({ total: 30_000, refundedAmount: 0, platformShippingDiscount: 0, shippingRefunded: false }, [{ paidAmount: 27_000, refundedAmount: 0 }]),
    ),
    net: 3_000,
  },
  {
    line: 'O-B 들기름 20,000 × 1, agency coupon 2,000',
    amounts: orderLineAmounts(
      {
        unitPrice: 20_000,
        quantity: 1,
        keptQuantity: 1,
        keptDiscounts: keptDiscountsOf({
          unitPrice: 20_000,
          quantity: 1,
          cancelledQuantity: 0,
          returnedQuantity: 0,
          itemDiscount: 2_000,
          platformDiscount: 0,
          refundedAmount: 0,
        }),
        commission: 0,
      },
      STANDARD_BPS,
    ),
    net: 16_920,
  },
  {
    line: 'O-C 양말 10,000 × 3, one returned',
    amounts: orderLineAmounts(
      {
        unitPrice: 10_000,
        quantity: 3,
        keptQuantity: 2,
        keptDiscounts: keptDiscountsOf({
          unitPrice: 10_000,
          quantity: 3,
          cancelledQuantity: 0,
          returnedQuantity: 1,
          itemDiscount: 0,
          platformDiscount: 0,
          refundedAmount: 10_000,
        }),
        commission: 0,
      },
      STANDARD_BPS,
    ),
    net: 18_800,
  },
  {
    line: 'O-C 3,000 shipping + 3,000 return deduction kept',
    amounts: shippingAmounts(
      shippingKeptOf({ total: 33_000, refundedAmount: 7_000, platformShippingDiscount: 0, shippingRefunded: false }, [
        { paidAmount: 30_000, refundedAmount: 10_000 },
      ]),
    ),
    net: 6_000,
  },
  { line: '방문 돌봄 55,000 completed', amounts: reservationAmounts({ amount: 55_000, refundedAmount: 0, commission: 5_500 }, STANDARD_BPS), net: 46_200 },
  {
    line: 'O-Z refunded 5,000 after settlement',
    amounts: postSettlementRefundAmounts({ amount: 5_000, settledBase: 40_000, commissionReversed: 0 }, STANDARD_BPS),
    net: -4_700,
  },
];

describe('settlement lines (docs/RULES.md §22 worked example)', () => {
  it.each(example)('$line nets $net', ({ amounts, net }) => {
    expect(netOf(amounts)).toBe(net);
  });

  it('adds up to the statement of the example, fee VAT 644', () => {
    const statement = sumAmounts(example.map((row) => row.amounts));
    expect(statement).toEqual({
      grossSales: 135_000,
      returns: 15_000,
      agencyDiscount: 2_000,
      platformDiscount: 3_000,
      salesBase: 118_000,
      platformFee: 7_080,
      commission: 8_200,
      shipping: 9_000,
      adjustment: 0,
    });
    expect(netOf(statement)).toBe(111_720);
    expect(platformFeeVatOf(statement.platformFee)).toBe(644);
  });

  it('keeps the invariant: buyer money kept = net + commissions + fee − platform discounts', () => {
    const statement = sumAmounts(example.map((row) => row.amounts));
    const buyersKept = 30_000 + 18_000 + 26_000 + 55_000 - 5_000;
    expect(netOf(statement) + statement.commission + statement.platformFee - statement.platformDiscount).toBe(buyersKept);
  });

  it('gives no commission on a fully returned line and rounds the fee down', () => {
    const returned = orderLineAmounts(
      { unitPrice: 9_999, quantity: 1, keptQuantity: 0, keptDiscounts: { agencyFunded: 0, platformFunded: 0 }, commission: 500 },
      STANDARD_BPS,
    );
    expect(returned).toMatchObject({ grossSales: 9_999, returns: 9_999, salesBase: 0, platformFee: 0, commission: 0 });
    expect(
      orderLineAmounts({ unitPrice: 9_999, quantity: 1, keptQuantity: 1, keptDiscounts: { agencyFunded: 0, platformFunded: 0 }, commission: 0 }, STANDARD_BPS)
        .platformFee,
    ).toBe(599);
  });

  it('credits the platform’s shipping waiver as shipping kept, unless the shipping went back with a refund', () => {
    // 3,000 shipping waived by a PLATFORM FREE_SHIPPING coupon: the buyer paid nothing for it.
    const waived = { total: 20_000, platformShippingDiscount: 3_000 };
    const line = { paidAmount: 20_000 };
    expect(shippingKeptOf({ ...waived, refundedAmount: 0, shippingRefunded: false }, [{ ...line, refundedAmount: 0 }])).toBe(3_000);
    // A change of mind returned everything: the agency shipped it at the platform's cost and keeps the waiver.
    expect(shippingKeptOf({ ...waived, refundedAmount: 20_000, shippingRefunded: false }, [{ ...line, refundedAmount: 20_000 }])).toBe(3_000);
    // The seller's fault: the refund gave the waiver back to the platform (the ledger's agency debit), so nothing is kept.
    expect(shippingKeptOf({ ...waived, refundedAmount: 20_000, shippingRefunded: true }, [{ ...line, refundedAmount: 20_000 }])).toBe(0);
  });

  it('rounds the fee VAT half away from zero, either sign', () => {
    expect([platformFeeVatOf(0), platformFeeVatOf(5), platformFeeVatOf(6), platformFeeVatOf(-300), platformFeeVatOf(7_080)]).toEqual([0, 0, 1, -27, 644]);
  });
});

describe('the invariant of docs/RULES.md §22 over generated months', () => {
  const orderLine = fc
    .record({
      unitPrice: fc.integer({ min: 100, max: 200_000 }),
      quantity: fc.integer({ min: 1, max: 9 }),
      keptShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .chain(({ unitPrice, quantity, keptShare }) => {
      const keptQuantity = Math.floor(keptShare * quantity);
      const keptList = unitPrice * keptQuantity;
      return fc
        .record({ agencyFunded: fc.integer({ min: 0, max: Math.floor(keptList / 2) }), platformFunded: fc.integer({ min: 0, max: Math.floor(keptList / 2) }) })
        .chain((keptDiscounts) =>
          fc.record({
            line: fc.constant({ unitPrice, quantity, keptQuantity, keptDiscounts }),
            commission: fc.integer({ min: 0, max: keptList - keptDiscounts.agencyFunded - keptDiscounts.platformFunded }),
          }),
        );
    });
  const month = fc.record({
    rateBps: fc.integer({ min: 0, max: 3_000 }),
    lines: fc.array(orderLine, { maxLength: 8 }),
    shipping: fc.array(fc.record({ buyerKept: fc.integer({ min: 0, max: 10_000 }), platformWaiver: fc.integer({ min: 0, max: 5_000 }) }), { maxLength: 4 }),
    reservations: fc.array(
      fc
        .integer({ min: 1, max: 500_000 })
        .chain((amount) =>
          fc.record({ amount: fc.constant(amount), refundedAmount: fc.integer({ min: 0, max: amount }), commission: fc.integer({ min: 0, max: amount }) }),
        ),
      { maxLength: 4 },
    ),
    refunds: fc.array(
      fc.integer({ min: 1, max: 500_000 }).chain((settledBase) =>
        fc.record({
          settledBase: fc.constant(settledBase),
          amount: fc.integer({ min: 1, max: settledBase }),
          commissionReversed: fc.integer({ min: 0, max: 10_000 }),
        }),
      ),
      { maxLength: 3 },
    ),
  });

  it('buyer money kept = Σ net + Σ commissions + Σ (fee − platform discounts − platform shipping waivers)', () => {
    fc.assert(
      fc.property(month, ({ rateBps, lines, shipping, reservations, refunds }) => {
        const amounts = [
          ...lines.map(({ line, commission }) => orderLineAmounts({ ...line, commission: line.keptQuantity ? commission : 0 }, rateBps)),
          ...shipping.map(({ buyerKept, platformWaiver }) => shippingAmounts(buyerKept + platformWaiver)),
          ...reservations.map((reservation) => reservationAmounts(reservation, rateBps)),
          ...refunds.map((refund) => postSettlementRefundAmounts(refund, rateBps)),
        ];
        const buyersKept =
          lines.reduce((sum, { line }) => sum + line.unitPrice * line.keptQuantity - line.keptDiscounts.agencyFunded - line.keptDiscounts.platformFunded, 0) +
          shipping.reduce((sum, { buyerKept }) => sum + buyerKept, 0) +
          reservations.reduce((sum, { amount, refundedAmount }) => sum + amount - refundedAmount, 0) -
          refunds.reduce((sum, { amount }) => sum + amount, 0);
        const waivers = shipping.reduce((sum, { platformWaiver }) => sum + platformWaiver, 0);
        const statement = sumAmounts(amounts);
        expect(statement.salesBase).toBe(statement.grossSales - statement.returns - statement.agencyDiscount);
        expect(netOf(statement) + statement.commission + statement.platformFee - statement.platformDiscount - waivers).toBe(buyersKept);
      }),
    );
  });
});
