import { Module } from '@nestjs/common';
import { CalendarModule } from '../../calendar/src/index.js';
import { DeliveryDeadlines } from './delivery-deadlines.js';

/**
 * Subscription boxes (꾸러미, docs/RULES.md §20). Above commerce and payments (each paid delivery is an
 * order paid with a billing key), below affiliate and notifications (which subscribe to its events). For
 * now the schedule: ship dates and cutoffs (delivery-schedule.ts, pure) and dispatch deadlines.
 */
@Module({
  imports: [CalendarModule],
  providers: [DeliveryDeadlines],
  exports: [DeliveryDeadlines],
})
export class SubscriptionsModule {}
