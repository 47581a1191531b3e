import { Module } from '@nestjs/common';
import { BusinessCalendarResolver } from './business-calendar.resolver.js';
import { BusinessCalendarService } from './business-calendar.service.js';

/** The business calendar: non-business days and every business-day deadline (docs/RULES.md §14). */
export const CALENDAR_RESOLVERS = [BusinessCalendarResolver];

@Module({
  providers: [BusinessCalendarService, ...CALENDAR_RESOLVERS],
  exports: [BusinessCalendarService],
})
export class CalendarModule {}
