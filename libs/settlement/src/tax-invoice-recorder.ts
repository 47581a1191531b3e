import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, TransactionalConnection, seoulDateOf } from '../../common/src/index.js';
import { BusinessCalendarService } from '../../calendar/src/index.js';
import { OrganizationService } from '../../identity/src/index.js';
import { Payment, PaymentMethodKind } from '../../payments/src/index.js';
import { B2BPurchase, PartnerAgencyService } from '../../membership/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { ReservationEvents, type Reservation } from '../../booking/src/index.js';
import { OrderEvents, OrderLine, type Order } from '../../commerce/src/index.js';
import { monthOf, nextMonthOf } from './settlement-month.js';
import { orderTaxInvoiceAmounts, reservationTaxInvoiceAmounts, type TaxInvoiceAmounts } from './tax-invoice-amounts.js';
import { TaxInvoice, TaxInvoiceStatus, type TaxParty } from './tax-invoice.entity.js';
import { TaxInvoiceTransitions } from './tax-invoice-transitions.js';
import { SettlementEvents } from './settlement-events.js';

/** The day of the month after writtenOn by which a 월합계 tax invoice is due (부가가치세법 §34③). */
const DUE_DAY = '10';

/**
 * Keeps one TaxInvoice per B2B order and reservation in step with the sale (docs/RULES.md §23), inside the
 * transaction that changes it: written when paid (NOT_REQUIRED when a card paid), amounts fixed when the sale
 * is final (ISSUABLE, or NOT_REQUIRED when nothing was kept), amounts following refunds until it is issued.
 * A refund after ISSUED needs a 수정세금계산서, which Dure does not model: the invoice is left as issued and
 * TaxInvoiceAmendmentNeeded tells operators and the agency.
 */
@Injectable()
export class TaxInvoiceRecorder {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly calendar: BusinessCalendarService,
    private readonly organizations: OrganizationService,
    private readonly agencies: PartnerAgencyService,
    private readonly listings: ListingService,
    private readonly transitions: TaxInvoiceTransitions,
    private readonly events: SettlementEvents,
    orderEvents: OrderEvents,
    reservationEvents: ReservationEvents,
  ) {
    orderEvents.inTransaction('OrderPaid', (ctx, { order, lines, checkout }) => this.orderPaid(ctx, order, lines, checkout?.paymentId ?? order.paymentId));
    orderEvents.inTransaction('OrderLinesRefunded', (ctx, { order }) => this.orderChanged(ctx, order, false));
    orderEvents.inTransaction('OrderConfirmed', (ctx, { order }) => this.orderChanged(ctx, order, true));
    orderEvents.inTransaction('OrderEnded', (ctx, { order }) => this.orderChanged(ctx, order, true));
    reservationEvents.inTransaction('ReservationPaid', (ctx, { reservation, payment }) => this.reservationPaid(ctx, reservation, payment));
    reservationEvents.inTransaction('ReservationCompleted', (ctx, { reservation }) => this.reservationChanged(ctx, reservation, true));
    reservationEvents.inTransaction('ReservationNoShow', (ctx, { reservation }) => this.reservationChanged(ctx, reservation, true));
    // A paid reservation's cancellation is final: it keeps its policy share, or nothing (NOT_REQUIRED).
    reservationEvents.inTransaction('ReservationCancelled', (ctx, { reservation }) => this.reservationChanged(ctx, reservation, true));
    reservationEvents.inTransaction('ReservationRefunded', (ctx, { reservation }) => this.reservationChanged(ctx, reservation, false));
  }

  private async orderPaid(ctx: RequestContext, order: Order, lines: readonly OrderLine[], paymentId: string | null): Promise<void> {
    if (!order.b2b.buyerOrganizationId) return;
    const payment = paymentId ? await this.connection.getRepository(ctx, Payment).findOneBy({ id: paymentId }) : null;
    await this.create(
      ctx,
      { orderId: order.id, serviceTaxFree: null },
      order.partnerAgencyId,
      order.b2b,
      payment,
      orderTaxInvoiceAmounts(order, lines.map(lineOf)),
    );
  }

  private async reservationPaid(ctx: RequestContext, reservation: Reservation, payment: Payment): Promise<void> {
    if (!reservation.b2b.buyerOrganizationId) return;
    const taxFree = (await this.listings.load(ctx, reservation.listingId))?.taxFree ?? false;
    await this.create(
      ctx,
      { reservationId: reservation.id, serviceTaxFree: taxFree },
      reservation.partnerAgencyId,
      reservation.b2b,
      payment,
      reservationTaxInvoiceAmounts(reservation, taxFree),
    );
  }

  /** The invoice of a paid B2B sale, with the amounts as paid; once per sale (a repeated event changes nothing). */
  private async create(
    ctx: RequestContext,
    sale: Pick<TaxInvoice, 'serviceTaxFree'> & Partial<Pick<TaxInvoice, 'orderId' | 'reservationId'>>,
    partnerAgencyId: string,
    purchase: B2BPurchase,
    payment: Payment | null,
    amounts: TaxInvoiceAmounts,
  ): Promise<void> {
    const now = this.clock.now();
    const buyer = purchase.buyer!;
    await this.connection
      .getRepository(ctx, TaxInvoice)
      .createQueryBuilder()
      .insert()
      .values({
        id: randomUUID(),
        status: payment?.method === PaymentMethodKind.CARD ? TaxInvoiceStatus.NOT_REQUIRED : TaxInvoiceStatus.PENDING,
        partnerAgencyId,
        buyerOrganizationId: purchase.buyerOrganizationId!,
        orderId: sale.orderId ?? null,
        reservationId: sale.reservationId ?? null,
        serviceTaxFree: sale.serviceTaxFree,
        supplier: await this.supplierOf(ctx, partnerAgencyId),
        buyer: {
          name: buyer.organizationName,
          businessRegistrationNumber: buyer.businessRegistrationNumber,
          representativeName: buyer.representativeName,
          address: buyer.address,
          email: buyer.email,
          businessType: buyer.businessType,
          businessItem: buyer.businessItem,
        },
        purchaseOrderNumber: purchase.purchaseOrderNumber,
        ...amounts,
        createdAt: now,
        updatedAt: now,
      })
      .orIgnore()
      .execute();
  }

  /** The supplier side, from the agency's organization as it is when the sale is paid. */
  private async supplierOf(ctx: RequestContext, partnerAgencyId: string): Promise<TaxParty> {
    const agency = (await this.agencies.load(ctx, partnerAgencyId))!;
    const organization = await this.organizations.getById(ctx, agency.organizationId);
    return {
      name: organization.name,
      businessRegistrationNumber: organization.businessRegistrationNumber,
      representativeName: organization.representativeName,
      address: organization.address,
      email: null,
      businessType: null,
      businessItem: null,
    };
  }

  /** Its lines are read again: refund events come before the lines a caller already holds are reloaded. */
  private async orderChanged(ctx: RequestContext, order: Order, final: boolean): Promise<void> {
    if (!order.b2b.buyerOrganizationId) return;
    const invoice = await this.lockOf(ctx, 'order_id', order.id);
    if (!invoice) return;
    const lines = await this.connection.getRepository(ctx, OrderLine).findBy({ orderId: order.id });
    const writtenAt = order.deliveredAt ?? order.confirmedAt ?? order.endedAt ?? this.clock.now();
    await this.apply(ctx, invoice, orderTaxInvoiceAmounts(order, lines.map(lineOf)), final ? seoulDateOf(writtenAt) : null);
  }

  /** Services: written on the reservation's start date. */
  private async reservationChanged(ctx: RequestContext, reservation: Reservation, final: boolean): Promise<void> {
    if (!reservation.b2b.buyerOrganizationId) return;
    const invoice = await this.lockOf(ctx, 'reservation_id', reservation.id);
    if (!invoice) return;
    const amounts = reservationTaxInvoiceAmounts(reservation, invoice.serviceTaxFree ?? false);
    await this.apply(ctx, invoice, amounts, final ? seoulDateOf(reservation.startsAt) : null);
  }

  /**
   * PENDING or ISSUABLE: the amounts follow the sale; `finalOn` (the sale became final, written that day)
   * makes a PENDING one ISSUABLE with its due date. Nothing kept of a final sale: NOT_REQUIRED. ISSUED: stays
   * as issued; less kept than it states needs a 수정세금계산서 (docs/RULES.md §23), announced.
   */
  private async apply(ctx: RequestContext, invoice: TaxInvoice, amounts: TaxInvoiceAmounts, finalOn: string | null): Promise<void> {
    if (invoice.status === TaxInvoiceStatus.ISSUED && amounts.total < invoice.total) {
      await this.events.publish(ctx, 'TaxInvoiceAmendmentNeeded', { invoice, keptTotal: amounts.total });
    }
    if (invoice.status !== TaxInvoiceStatus.PENDING && invoice.status !== TaxInvoiceStatus.ISSUABLE) return;
    const final = finalOn !== null || invoice.status === TaxInvoiceStatus.ISSUABLE;
    if (final && amounts.total === 0) {
      await this.transitions.apply(ctx, invoice, TaxInvoiceStatus.NOT_REQUIRED, (row) => Object.assign(row, amounts));
    } else if (finalOn !== null && invoice.status === TaxInvoiceStatus.PENDING) {
      const dueOn = await this.calendar.businessDayOnOrAfter(ctx, `${nextMonthOf(monthOf(finalOn))}-${DUE_DAY}`);
      await this.transitions.apply(ctx, invoice, TaxInvoiceStatus.ISSUABLE, (row) => Object.assign(row, amounts, { writtenOn: finalOn, dueOn }));
    } else {
      await this.connection.updateLocked(ctx, TaxInvoice, invoice, (row) => Object.assign(row, amounts, { updatedAt: this.clock.now() }));
    }
  }

  private async lockOf(ctx: RequestContext, column: 'order_id' | 'reservation_id', id: string): Promise<TaxInvoice | null> {
    return this.connection
      .getRepository(ctx, TaxInvoice)
      .createQueryBuilder('invoice')
      .setLock('pessimistic_write')
      .where(`invoice.${column} = :id`, { id })
      .getOne();
  }
}

function lineOf(line: OrderLine) {
  return {
    paidAmount: line.paidAmount,
    refundedAmount: line.refundedAmount,
    keptQuantity: line.quantity - line.cancelledQuantity - line.returnedQuantity,
    taxFree: line.taxFree,
  };
}
