import type { RequestContext } from '../../common/src/index.js';
import type { TakenSeats } from './slots.js';

/**
 * The port through which the booking library tells the catalog which seats of a listing are taken
 * (reservations PENDING_PAYMENT with a live hold, CONFIRMED or COMPLETED; docs/RULES.md §7). Booking registers
 * it with `AvailabilityService.registerSlotOccupancy`; until then nothing is taken.
 */
export interface SlotOccupancy {
  /** Everything holding seats of the listing that overlaps [from, to). */
  takenSeats(ctx: RequestContext, listingId: string, from: Date, to: Date): Promise<TakenSeats[]>;
}
