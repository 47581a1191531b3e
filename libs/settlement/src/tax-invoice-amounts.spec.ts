import { orderTaxInvoiceAmounts, reservationTaxInvoiceAmounts } from './tax-invoice-amounts.js';

const line = (paidAmount: number, taxFree: boolean, { refundedAmount = 0, keptQuantity = 1 } = {}) => ({ paidAmount, refundedAmount, keptQuantity, taxFree });

describe('tax-invoice amounts (docs/RULES.md §23)', () => {
  it('a mixed order: tax-free lines apart, the shipping taxable while a taxable line is kept', () => {
    expect(orderTaxInvoiceAmounts({ total: 35_000, refundedAmount: 0 }, [line(12_000, false), line(20_000, true)])).toEqual({
      total: 35_000,
      taxFreeAmount: 20_000,
      vat: 1_364,
      supplyValue: 13_636,
    });
  });

  it('every kept line tax-free: the shipping kept is tax-free too, whatever was returned', () => {
    const returnedRice = line(12_000, false, { refundedAmount: 12_000, keptQuantity: 0 });
    expect(orderTaxInvoiceAmounts({ total: 25_000, refundedAmount: 12_000 }, [returnedRice, line(10_000, true)])).toEqual({
      total: 13_000,
      taxFreeAmount: 13_000,
      vat: 0,
      supplyValue: 0,
    });
  });

  it('all returned with a return-shipping deduction kept: the deduction follows the order’s lines', () => {
    const returned = (taxFree: boolean) => line(12_000, taxFree, { refundedAmount: 12_000, keptQuantity: 0 });
    // Paid 15,000; 11,000 back after a 4,000 deduction: 4,000 kept.
    expect(orderTaxInvoiceAmounts({ total: 15_000, refundedAmount: 11_000 }, [returned(false)])).toEqual({
      total: 4_000,
      taxFreeAmount: 0,
      vat: 364,
      supplyValue: 3_636,
    });
    expect(orderTaxInvoiceAmounts({ total: 15_000, refundedAmount: 11_000 }, [returned(true)])).toMatchObject({ taxFreeAmount: 4_000, vat: 0 });
  });

  it('a reservation: all taxable or all tax-free, on what was kept', () => {
    expect(reservationTaxInvoiceAmounts({ amount: 55_000, refundedAmount: 0 }, false)).toEqual({
      total: 55_000,
      taxFreeAmount: 0,
      vat: 5_000,
      supplyValue: 50_000,
    });
    expect(reservationTaxInvoiceAmounts({ amount: 55_000, refundedAmount: 27_500 }, true)).toEqual({
      total: 27_500,
      taxFreeAmount: 27_500,
      vat: 0,
      supplyValue: 0,
    });
  });
});
