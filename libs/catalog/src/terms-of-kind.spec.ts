import { ServiceLocation, SubscriptionInterval } from './listing-terms.js';
import { Weekday } from './weekday.js';
import { ListingKind } from './listing-enums.js';
import { termsOfNewListing, termsOfUpdate, type TermsInput } from './terms-of-kind.js';
import { fieldErrorsOf } from '../../../test/support/field-errors.js';

const DEFAULT_POLICY = { fullRefundHoursBefore: 24, partialRefundHoursBefore: 3, partialRefundRateBps: 5000 };
const DEFAULTS = { cancellationPolicy: DEFAULT_POLICY, dispatchBusinessDays: 3, cutoffDays: 3 };
const goods = { stock: 10, shippingFee: 3000 };
const service = { durationMinutes: 60, capacityPerSlot: 2, location: ServiceLocation.AT_CUSTOMER, requiresConsultation: true };
const subscription = { interval: SubscriptionInterval.WEEKLY, shippingFee: 0, minimumCycles: 4, contents: [' 유기농 채소 ', '두부'] };

describe('termsOfNewListing', () => {
  it('keeps the terms of the kind and sets the others to null', () => {
    expect(termsOfNewListing(ListingKind.GOODS, { goods }, DEFAULTS)).toEqual({
      goods: { ...goods, freeShippingOver: null, dispatchBusinessDays: 3, returnShippingFee: null, perishable: false },
      service: null,
      subscription: null,
    });
    expect(termsOfNewListing(ListingKind.SUBSCRIPTION, { subscription }, DEFAULTS).subscription!.contents).toEqual(['유기농 채소', '두부']);
  });

  it('gives a service without a cancellation policy the default one', () => {
    const configured = { fullRefundHoursBefore: 72, partialRefundHoursBefore: 24, partialRefundRateBps: 2000 };
    expect(termsOfNewListing(ListingKind.SERVICE, { service }, { ...DEFAULTS, cancellationPolicy: configured }).service!.cancellationPolicy).toEqual(
      configured,
    );
  });

  it('requires the terms of the kind, naming the field', () => {
    expect(fieldErrorsOf(() => termsOfNewListing(ListingKind.SERVICE, {}, DEFAULTS))).toEqual([
      { field: 'service', message: 'is required for a SERVICE listing' },
    ]);
  });

  it('refuses terms of another kind, naming each', () => {
    const input: TermsInput = { goods, service, subscription };
    expect(fieldErrorsOf(() => termsOfNewListing(ListingKind.GOODS, input, DEFAULTS))).toEqual([
      { field: 'service', message: 'must be absent for a GOODS listing' },
      { field: 'subscription', message: 'must be absent for a GOODS listing' },
    ]);
    expect(fieldErrorsOf(() => termsOfNewListing(ListingKind.SUBSCRIPTION, { goods }, DEFAULTS))).toEqual([
      { field: 'subscription', message: 'is required for a SUBSCRIPTION listing' },
      { field: 'goods', message: 'must be absent for a SUBSCRIPTION listing' },
    ]);
  });

  it('refuses a partial refund window longer than the full one', () => {
    const policy = { fullRefundHoursBefore: 2, partialRefundHoursBefore: 5, partialRefundRateBps: 5000 };
    expect(fieldErrorsOf(() => termsOfNewListing(ListingKind.SERVICE, { service: { ...service, cancellationPolicy: policy } }, DEFAULTS))).toEqual([
      { field: 'service.cancellationPolicy.partialRefundHoursBefore', message: 'must not be more than fullRefundHoursBefore' },
    ]);
  });
});

describe('termsOfUpdate', () => {
  const custom = { fullRefundHoursBefore: 48, partialRefundHoursBefore: 12, partialRefundRateBps: 3000 };
  const current = termsOfNewListing(ListingKind.SERVICE, { service: { ...service, cancellationPolicy: custom } }, DEFAULTS);

  it('leaves the terms alone when the update has none', () => {
    expect(termsOfUpdate(ListingKind.SERVICE, {}, current, DEFAULTS)).toBeNull();
  });

  it('new service terms without a policy keep the current policy', () => {
    expect(termsOfUpdate(ListingKind.SERVICE, { service: { ...service, capacityPerSlot: 5 } }, current, DEFAULTS)!.service).toEqual({
      ...service,
      capacityPerSlot: 5,
      cancellationPolicy: custom,
    });
    expect(
      termsOfUpdate(ListingKind.SERVICE, { service: { ...service, cancellationPolicy: DEFAULT_POLICY } }, current, DEFAULTS)!.service!.cancellationPolicy,
    ).toEqual(DEFAULT_POLICY);
  });

  it('refuses terms of another kind', () => {
    expect(fieldErrorsOf(() => termsOfUpdate(ListingKind.SERVICE, { goods }, current, DEFAULTS))).toEqual([
      { field: 'goods', message: 'must be absent for a SERVICE listing' },
    ]);
  });
});

describe('goods terms of docs/RULES.md §15 on update (§14: omitted keeps, null restores the default)', () => {
  const current = termsOfNewListing(ListingKind.GOODS, { goods: { ...goods, dispatchBusinessDays: 7, returnShippingFee: 6000, perishable: true } }, DEFAULTS);

  it('keeps the fields an update omits', () => {
    expect(termsOfUpdate(ListingKind.GOODS, { goods: { ...goods, stock: 4 } }, current, DEFAULTS)!.goods).toEqual({
      ...goods,
      stock: 4,
      freeShippingOver: null,
      dispatchBusinessDays: 7,
      returnShippingFee: 6000,
      perishable: true,
    });
  });

  it('returns each to its default on an explicit null (the return fee follows shippingFee again)', () => {
    const cleared = { ...goods, dispatchBusinessDays: null, returnShippingFee: null, perishable: null };
    expect(termsOfUpdate(ListingKind.GOODS, { goods: cleared }, current, DEFAULTS)!.goods).toMatchObject({
      dispatchBusinessDays: 3,
      returnShippingFee: null,
      perishable: false,
    });
  });
});

describe('subscription terms of docs/RULES.md §20', () => {
  const { WEEKLY, BIWEEKLY, MONTHLY } = SubscriptionInterval;
  const newPlan = (plan: Record<string, unknown>) =>
    termsOfNewListing(ListingKind.SUBSCRIPTION, { subscription: { ...subscription, ...plan } }, DEFAULTS).subscription;

  it('gives weekly and biweekly plans TUESDAY, monthly ones day 15, every plan the default cutoff and no limit', () => {
    const anchors = { shipWeekday: Weekday.TUESDAY, shipDayOfMonth: null, cutoffDays: 3, subscriberLimit: null };
    expect(newPlan({})).toEqual({ ...subscription, contents: ['유기농 채소', '두부'], ...anchors });
    expect(newPlan({ interval: BIWEEKLY })).toMatchObject(anchors);
    expect(newPlan({ interval: MONTHLY })).toMatchObject({ shipWeekday: null, shipDayOfMonth: 15, cutoffDays: 3, subscriberLimit: null });
    expect(termsOfNewListing(ListingKind.SUBSCRIPTION, { subscription }, { ...DEFAULTS, cutoffDays: 5 }).subscription!.cutoffDays).toBe(5);
  });

  it('keeps the anchor, cutoff and limit the agency names', () => {
    expect(newPlan({ shipWeekday: Weekday.FRIDAY, cutoffDays: 14, subscriberLimit: 30 })).toMatchObject({
      shipWeekday: Weekday.FRIDAY,
      shipDayOfMonth: null,
      cutoffDays: 14,
      subscriberLimit: 30,
    });
    expect(newPlan({ interval: MONTHLY, shipDayOfMonth: 28, cutoffDays: 1 })).toMatchObject({ shipWeekday: null, shipDayOfMonth: 28, cutoffDays: 1 });
  });

  it("refuses the other interval's anchor, naming the field", () => {
    expect(fieldErrorsOf(() => newPlan({ interval: MONTHLY, shipWeekday: Weekday.MONDAY }))).toEqual([
      { field: 'subscription.shipWeekday', message: 'must be absent for a MONTHLY plan' },
    ]);
    expect(fieldErrorsOf(() => newPlan({ interval: WEEKLY, shipDayOfMonth: 1 }))).toEqual([
      { field: 'subscription.shipDayOfMonth', message: 'must be absent for a WEEKLY plan' },
    ]);
    expect(newPlan({ interval: MONTHLY, shipWeekday: null })!.shipWeekday).toBeNull();
  });

  describe('on update (§14: omitted keeps, null restores the default)', () => {
    const current = { goods: null, service: null, subscription: newPlan({ shipWeekday: Weekday.FRIDAY, cutoffDays: 7, subscriberLimit: 12 }) };
    const update = (plan: Record<string, unknown>) =>
      termsOfUpdate(ListingKind.SUBSCRIPTION, { subscription: { ...subscription, ...plan } }, current, DEFAULTS)!.subscription;

    it('keeps what an update omits', () => {
      expect(update({ minimumCycles: 2 })).toMatchObject({ minimumCycles: 2, shipWeekday: Weekday.FRIDAY, cutoffDays: 7, subscriberLimit: 12 });
    });

    it('returns each to its default on an explicit null: no limit', () => {
      expect(update({ shipWeekday: null, cutoffDays: null, subscriberLimit: null })).toMatchObject({
        shipWeekday: Weekday.TUESDAY,
        cutoffDays: 3,
        subscriberLimit: null,
      });
    });

    it('drops the weekday when the plan becomes monthly, and starts from the defaults when it becomes weekly again', () => {
      const monthly = update({ interval: MONTHLY });
      expect(monthly).toMatchObject({ shipWeekday: null, shipDayOfMonth: 15, cutoffDays: 7 });
      const weeklyAgain = termsOfUpdate(ListingKind.SUBSCRIPTION, { subscription }, { ...current, subscription: monthly }, DEFAULTS)!.subscription;
      expect(weeklyAgain).toMatchObject({ shipWeekday: Weekday.TUESDAY, shipDayOfMonth: null });
    });
  });
});
