import { Injectable } from '@nestjs/common';
import type { SlotOccupancy } from '../../catalog/src/index.js';
import { ClockService, RequestContext, SlotUnavailableError, TransactionalConnection } from '../../common/src/index.js';

export interface SeatRequest {
  reservationId: string;
  listingId: string;
  capacity: number;
  startsAt: Date;
  endsAt: Date;
  holdExpiresAt: Date;
}

/** The INSERT of the reservation a seat is for, sent in one statement with the first seat's INSERT. */
export interface ReservationInsert {
  sql: string;
  params: unknown[];
}

/** Seats taken on a listing for one time by reservations that still count (paid, or with an unexpired hold). */
export interface TakenSeatsAt {
  startsAt: Date;
  endsAt: Date;
  seats: number;
}

/**
 * Capacity in the database (docs/RULES.md §8): a reservation holds one numbered seat of its listing for its
 * time, and the exclusion constraint reservation_seat_no_overlap makes two active seats with the same
 * number over overlapping time impossible — whatever the number of concurrent requests or processes.
 * No check-then-insert: taking a seat is an INSERT that either wins a number or conflicts. It is also
 * the catalog's SlotOccupancy, so `availableSlots` counts these seats.
 */
@Injectable()
export class SeatAllocator implements SlotOccupancy {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /**
   * Takes the lowest free seat for the reservation's time, in the caller's transaction, or throws
   * SLOT_UNAVAILABLE. Only when every seat number is taken are expired holds overlapping the time
   * switched off (locked in a fixed order, so concurrent callers cannot deadlock on them) and the seats
   * tried again — also when a concurrent caller switched them off first, which frees seats it may not
   * take all of. A free slot, the common case, costs one INSERT. An INSERT that meets an uncommitted
   * seat waits for that transaction, then conflicts (it committed) or succeeds (it rolled back).
   */
  async take(ctx: RequestContext, request: SeatRequest, reservation: ReservationInsert): Promise<number> {
    let seat = await this.insertLowestFree(ctx, request, reservation);
    if (seat === null) {
      await this.releaseExpiredHolds(ctx, request);
      seat = await this.insertLowestFree(ctx, request);
    }
    if (seat === null) throw new SlotUnavailableError();
    return seat;
  }

  /**
   * Paid: the seat no longer lapses. False when the seat is gone (its hold expired and someone else's
   * booking switched it off), so the caller must not take the money.
   */
  async secure(ctx: RequestContext, reservationId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.connection
      .manager(ctx)
      .query(`UPDATE reservation_seat SET hold_expires_at = NULL WHERE reservation_id = $1 AND active RETURNING seat`, [reservationId]);
    return rows.length > 0;
  }

  async release(ctx: RequestContext, reservationId: string): Promise<void> {
    await this.connection.manager(ctx).query(`UPDATE reservation_seat SET active = false WHERE reservation_id = $1 AND active`, [reservationId]);
  }

  /**
   * `reservation` (its row's INSERT) goes with the first seat's: one round trip, and the seat's foreign key,
   * checked when the statement ends, finds the row. A seat that conflicts still leaves the row inserted.
   */
  private async insertLowestFree(ctx: RequestContext, request: SeatRequest, reservation?: ReservationInsert): Promise<number | null> {
    const { reservationId, listingId, capacity, startsAt, endsAt, holdExpiresAt } = request;
    for (let seat = 1; seat <= capacity; seat++) {
      const along = seat === 1 ? reservation : undefined;
      const [id, listing, number, from, to, holdUntil] = [1, 2, 3, 4, 5, 6].map((index) => `$${(along?.params.length ?? 0) + index}`);
      const inserted: Array<{ seat: number }> = await this.connection.manager(ctx).query(
        `${along ? `WITH booked AS (${along.sql}) ` : ''}INSERT INTO reservation_seat (reservation_id, listing_id, seat, during, hold_expires_at, active)
         VALUES (${id}, ${listing}, ${number}, tstzrange(${from}, ${to}), ${holdUntil}, true)
         ON CONFLICT DO NOTHING
         RETURNING seat`,
        [...(along?.params ?? []), reservationId, listingId, seat, startsAt, endsAt, holdExpiresAt],
      );
      if (inserted.length) return seat;
    }
    return null;
  }

  private async releaseExpiredHolds(ctx: RequestContext, { listingId, startsAt, endsAt }: SeatRequest): Promise<void> {
    await this.connection.manager(ctx).query(
      `UPDATE reservation_seat SET active = false
        WHERE reservation_id IN (
          SELECT reservation_id FROM reservation_seat
           WHERE listing_id = $1 AND active AND hold_expires_at <= $2 AND during && tstzrange($3, $4)
           ORDER BY reservation_id
           FOR UPDATE)`,
      [listingId, this.clock.now(), startsAt, endsAt],
    );
  }

  /**
   * What takes capacity on `listingId` overlapping [from, to), per distinct time (docs/RULES.md §7: paid
   * reservations and unexpired holds; an expired hold is free although its row may still be active).
   */
  takenSeats(ctx: RequestContext, listingId: string, from: Date, to: Date): Promise<TakenSeatsAt[]> {
    return this.connection.manager(ctx).query(
      `SELECT lower(during) AS "startsAt", upper(during) AS "endsAt", count(*)::int AS seats FROM reservation_seat
        WHERE listing_id = $1 AND active AND (hold_expires_at IS NULL OR hold_expires_at > $2) AND during && tstzrange($3, $4)
        GROUP BY during
        ORDER BY lower(during)`,
      [listingId, this.clock.now(), from, to],
    );
  }

  /** Whether a seat could be taken for [startsAt, endsAt) now (for offers, which are checked when sent). */
  async hasFreeSeat(ctx: RequestContext, listingId: string, capacity: number, startsAt: Date, endsAt: Date): Promise<boolean> {
    const [{ taken }]: Array<{ taken: number }> = await this.connection.manager(ctx).query(
      `SELECT count(DISTINCT seat)::int AS taken FROM reservation_seat
        WHERE listing_id = $1 AND active AND (hold_expires_at IS NULL OR hold_expires_at > $2) AND during && tstzrange($3, $4) AND seat <= $5`,
      [listingId, this.clock.now(), startsAt, endsAt, capacity],
    );
    return taken < capacity;
  }
}
