import { Injectable } from '@nestjs/common';
import { BusinessCalendarService } from '../../calendar/src/index.js';
import { endOfSeoulDay, seoulDateOf, type RequestContext } from '../../common/src/index.js';

/** docs/RULES.md §17: a delivery paid by a retry gets at least this many business days after the payment date. */
export const RETRY_DISPATCH_BUSINESS_DAYS = 2;

/**
 * Dispatch deadlines of subscription deliveries (docs/RULES.md §17, §20): the business-calendar half of the
 * schedule. A ship date that is not a business day stays; only its deadline moves to the next business day.
 */
@Injectable()
export class DeliveryDeadlines {
  constructor(private readonly calendar: BusinessCalendarService) {}

  /**
   * Paid at its cutoff (or at subscribe, for the first delivery): the end of the ship date, or of the next
   * business day when it is not one. Paid later by a retry at `retryPaidAt`: the end of the later of that
   * day and the 2nd business day after the retry's KST date.
   */
  async dispatchDeadline(ctx: RequestContext, shipDate: string, retryPaidAt: Date | null): Promise<Date> {
    const shipDay = await this.calendar.businessDayOnOrAfter(ctx, shipDate);
    if (!retryPaidAt) return endOfSeoulDay(shipDay);
    const afterRetry = await this.calendar.nthBusinessDayAfter(ctx, seoulDateOf(retryPaidAt), RETRY_DISPATCH_BUSINESS_DAYS);
    return endOfSeoulDay(afterRetry > shipDay ? afterRetry : shipDay);
  }
}
