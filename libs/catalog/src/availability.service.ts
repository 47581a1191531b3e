import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { BadUserInputError, ClockService, DureConfig, InvalidStateError, RequestContext, TransactionalConnection, isUuid } from '../../common/src/index.js';
import type { AvailabilityInput } from './dto/availability.inputs.js';
import type { Availability, TimeSlot } from './availability.types.js';
import { ListingStatus } from './listing-enums.js';
import { ListingAvailability } from './listing-availability.entity.js';
import { Listing } from './listing.entity.js';
import { ListingService } from './listing.service.js';
import { openingHoursProblems } from './opening-hours.js';
import type { SlotOccupancy } from './slot-occupancy.js';
import { MAX_SLOT_RANGE_DAYS, slotsBetween, withRemainingCapacity, type SlotSchedule, type SlotTime } from './slots.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Opening hours of SERVICE listings and the slots they offer (docs/RULES.md §7). */
@Injectable()
export class AvailabilityService {
  private occupancy?: SlotOccupancy;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly listings: ListingService,
  ) {}

  /** Booking tells the catalog which seats are taken; before it does, every seat is free. */
  registerSlotOccupancy(occupancy: SlotOccupancy): void {
    if (this.occupancy) throw new Error('A slot occupancy is registered already');
    this.occupancy = occupancy;
  }

  /** Replaces the listing's availability as a whole (OWNER or MANAGER of its agency). */
  async set(ctx: RequestContext, listingId: string, input: AvailabilityInput): Promise<Availability> {
    const listing = await this.listings.getForActing(ctx, listingId);
    if (!listing.service) throw BadUserInputError.field('listingId', `only SERVICE listings have availability, this is a ${listing.kind} listing`);
    if (listing.status === ListingStatus.ARCHIVED) throw new InvalidStateError('An archived listing cannot be changed');
    const timezone = input.timezone?.trim() || this.config.defaultTimezone;
    if (!IANAZone.isValidZone(timezone)) throw BadUserInputError.field('timezone', 'must be an IANA time zone such as Asia/Seoul');
    const weeklyHours = input.weeklyHours.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt }));
    const given = (input.exceptions ?? []).map(({ date, closed, opensAt, closesAt }) => ({
      date,
      closed,
      opensAt: opensAt ?? null,
      closesAt: closesAt ?? null,
    }));
    // Checked in the order sent, so `exceptions[i]` names the item the client sent at i; stored by date.
    const problems = openingHoursProblems(weeklyHours, given);
    if (problems.length) throw new BadUserInputError(problems);
    const exceptions = [...given].sort((a, b) => a.date.localeCompare(b.date));
    const saved: ListingAvailability = {
      listingId: listing.id,
      timezone,
      slotIntervalMinutes: input.slotIntervalMinutes ?? null,
      weeklyHours,
      exceptions,
      updatedAt: this.clock.now(),
    };
    // One statement, so two first-time saves at once cannot collide on the key.
    await this.connection.getRepository(ctx, ListingAvailability).upsert(saved, ['listingId']);
    return view(saved, listing);
  }

  /** For whoever may see the listing; null until its agency has set availability. */
  async get(ctx: RequestContext, listingId: string): Promise<Availability | null> {
    const listing = await this.listings.getVisible(ctx, listingId);
    const availability = await this.find(ctx, listing);
    return availability && view(availability, listing);
  }

  /**
   * Slots starting in [from, to) and after now, with free seats (docs/RULES.md §7). The range spans at most
   * 62 days. Seats are taken by what the registered SlotOccupancy reports.
   */
  async availableSlots(ctx: RequestContext, listingId: string, from: Date, to: Date): Promise<TimeSlot[]> {
    if (to <= from) throw BadUserInputError.field('to', 'must be later than from');
    if (to.getTime() - from.getTime() > MAX_SLOT_RANGE_DAYS * DAY_MS)
      throw BadUserInputError.field('to', `must be at most ${MAX_SLOT_RANGE_DAYS} days after from`);
    const listing = await this.listings.getVisible(ctx, listingId);
    const now = this.clock.now();
    const slots = await this.slots(ctx, listing, from > now ? from : now, to);
    if (!slots.length) return [];
    const taken = (await this.occupancy?.takenSeats(ctx, listing.id, slots[0].startsAt, slots.at(-1)!.endsAt)) ?? [];
    // GraphQL completes every slot of the answer at once: a list finished after the operation's time is up is not handed over.
    ctx.checkDeadline();
    return withRemainingCapacity(slots, listing.service!.capacityPerSlot, taken);
  }

  /**
   * For booking: the listing (as `ListingService.load`) with its availability read in the same statement and kept
   * for this request, so that the slot a reservation checks next (`slotStartingAt`) costs no second round trip.
   */
  async loadWithAvailability(ctx: RequestContext, listingId: string): Promise<Listing | null> {
    if (!isUuid(listingId)) return null;
    const row: (Listing & { availability?: ListingAvailability | null }) | null = await this.connection
      .getRepository(ctx, Listing)
      .createQueryBuilder('row')
      .leftJoinAndMapOne('row.availability', ListingAvailability, 'availability', 'availability.listing_id = row.id')
      .where('row.id = :listingId', { listingId })
      .getOne();
    const availability = row?.availability ?? null;
    delete row?.availability;
    this.connection.primeOne(ctx, Listing, 'id', listingId, row, (listing) => listing.id);
    this.connection.primeOne(ctx, ListingAvailability, 'listingId', listingId, availability, (each) => each.listingId);
    return row;
  }

  /**
   * For booking: the slot of the listing's schedule that starts exactly at `startsAt`, or null (capacity
   * is booking's to enforce).
   */
  async slotStartingAt(ctx: RequestContext, listing: Listing, startsAt: Date): Promise<SlotTime | null> {
    const [slot] = await this.slots(ctx, listing, startsAt, new Date(startsAt.getTime() + 1));
    return slot ?? null;
  }

  private async slots(ctx: RequestContext, listing: Listing, from: Date, to: Date): Promise<SlotTime[]> {
    if (!listing.service || from >= to) return [];
    const availability = await this.find(ctx, listing);
    // Up to 62 days of slots are the field's own work: it stops at the day when the operation's time is up.
    return availability ? slotsBetween(scheduleOf(availability, listing), from, to, () => ctx.checkDeadline()) : [];
  }

  /** Batched per request (DataLoader). */
  private find(ctx: RequestContext, listing: Listing): Promise<ListingAvailability | null> {
    return this.connection.loadOne(ctx, ListingAvailability, 'listingId', listing.id, (availability) => availability.listingId);
  }
}

function scheduleOf(availability: ListingAvailability, listing: Listing): SlotSchedule {
  const { durationMinutes } = listing.service!;
  const { timezone, weeklyHours, exceptions, slotIntervalMinutes } = availability;
  return { timezone, weeklyHours, exceptions, durationMinutes, intervalMinutes: slotIntervalMinutes ?? durationMinutes };
}

function view(availability: ListingAvailability, listing: Listing): Availability {
  const { timezone, weeklyHours, exceptions, intervalMinutes } = scheduleOf(availability, listing);
  return { timezone, slotIntervalMinutes: intervalMinutes, weeklyHours, exceptions };
}
