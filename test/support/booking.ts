import { DateTime } from 'luxon';
import { ClockService } from '../../libs/common/src/index.js';
import { publishedListing, type Agency } from './catalog.js';
import type { GraphQLResponse, TestApp } from './test-app.js';

export const RESERVATION_FIELDS = `id number status startsAt endsAt amount holdExpiresAt refundedAmount cancellationReason createdAt
  paymentRequest { orderId orderName amount } payment { id status amount refundedAmount }
  listing { id title } partnerAgency { id } buyer { id name } consultation { id status }`;

export const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { ${RESERVATION_FIELDS} } }`;
export const PAY = `mutation($input: PayInput!) { payReservation(input: $input) { ${RESERVATION_FIELDS} } }`;
export const CANCEL = `mutation($input: CancelReservationInput!) { cancelReservation(input: $input) { ${RESERVATION_FIELDS} cancellationReason } }`;
export const COMPLETE = `mutation($id: ID!) { completeReservation(reservationId: $id) { id status } }`;
export const NO_SHOW = `mutation($id: ID!) { markNoShow(reservationId: $id) { id status refundedAmount } }`;
export const REVIEW = `mutation($input: ReviewReservationInput!) { reviewReservation(input: $input) { id rating comment author { id name } createdAt } }`;
export const RESERVATION = `query($id: ID!) { reservation(id: $id) { ${RESERVATION_FIELDS} } }`;
export const ADVANCE = `mutation($to: DateTime!) { advanceTestClock(to: $to) }`;
export const SLOTS = `query($id: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(listingId: $id, from: $from, to: $to) { startsAt endsAt remainingCapacity } }`;

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;

/**
 * A published SERVICE listing open every day 09:00–18:00 in Seoul with hourly slots (60 minutes by
 * default), 30,000 won, booked directly unless `requiresConsultation`.
 */
export async function bookableService(
  t: TestApp,
  agency: Agency,
  service: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const id = await publishedListing(t, agency, {
    service: { durationMinutes: 60, capacityPerSlot: 1, location: 'AT_CUSTOMER', requiresConsultation: false, ...service },
    ...overrides,
  });
  await t.ok(
    `mutation($id: ID!, $input: AvailabilityInput!) { setAvailability(listingId: $id, input: $input) { timezone } }`,
    { id, input: { weeklyHours: WEEKDAYS.map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '18:00' })) } },
    agency.owner.token,
  );
  return id;
}

/** The server's clock (it only moves forward in a test file). */
export const serverNow = (t: TestApp) => t.app.get(ClockService).now();

/** An instant `days` Seoul days after the server's today, at `hour`:00 Seoul time, as ISO. */
export function seoulAt(t: TestApp, days: number, hour: number): string {
  return DateTime.fromJSDate(serverNow(t), { zone: 'Asia/Seoul' }).startOf('day').plus({ days }).set({ hour }).toUTC().toISO()!;
}

export const hoursBefore = (iso: string, hours: number) => new Date(new Date(iso).getTime() - hours * 3600_000).toISOString();
export const hoursAfter = (iso: string, hours: number) => hoursBefore(iso, -hours);

/** Moves the server's clock (operator), running every job due by then. */
export async function advanceTo(t: TestApp, operator: string, to: string): Promise<void> {
  await t.ok(ADVANCE, { to }, operator);
}
