import { BadUserInputError, type FieldError } from '../../common/src/index.js';
import type { CancellationPolicyInput, GoodsTermsInput, ServiceTermsInput, SubscriptionTermsInput } from './dto/listing.inputs.js';
import {
  DEFAULT_SHIP_DAY_OF_MONTH,
  DEFAULT_SHIP_WEEKDAY,
  SubscriptionInterval,
  type CancellationPolicy,
  type GoodsTerms,
  type ServiceTerms,
  type SubscriptionTerms,
} from './listing-terms.js';
import { ListingKind } from './listing-enums.js';

export interface TermsInput {
  goods?: GoodsTermsInput | null;
  service?: ServiceTermsInput | null;
  subscription?: SubscriptionTermsInput | null;
}

/** Settings that fill what an input leaves out. */
export interface TermsDefaults {
  cancellationPolicy: CancellationPolicy;
  dispatchBusinessDays: number;
  cutoffDays: number;
}

export interface ListingTerms {
  goods: GoodsTerms | null;
  service: ServiceTerms | null;
  subscription: SubscriptionTerms | null;
}

const TERMS_FIELD = { [ListingKind.GOODS]: 'goods', [ListingKind.SERVICE]: 'service', [ListingKind.SUBSCRIPTION]: 'subscription' } as const;

/**
 * docs/RULES.md §6: a new listing has the terms of its kind, and no others. A service without a cancellation
 * policy gets the default one, goods without dispatch days the default days, a plan without a cutoff the
 * default cutoff (settings).
 */
export function termsOfNewListing(kind: ListingKind, input: TermsInput, defaults: TermsDefaults): ListingTerms {
  const problems = foreignTermsProblems(kind, input);
  if (!input[TERMS_FIELD[kind]]) problems.unshift({ field: TERMS_FIELD[kind], message: `is required for a ${kind} listing` });
  if (problems.length) throw new BadUserInputError(problems);
  return termsOf(kind, input, { goods: null, service: null, subscription: null }, defaults);
}

/**
 * The terms an update sets, or null when it leaves them alone. Terms of another kind are refused; new
 * service terms without a cancellation policy keep the current one; goods (§15) and subscription (§20)
 * fields added later keep their value when omitted and return to their default with an explicit null (§14).
 */
export function termsOfUpdate(kind: ListingKind, input: TermsInput, current: ListingTerms, defaults: TermsDefaults): ListingTerms | null {
  const problems = foreignTermsProblems(kind, input);
  if (problems.length) throw new BadUserInputError(problems);
  if (!input[TERMS_FIELD[kind]]) return null;
  return termsOf(kind, input, current, defaults);
}

function foreignTermsProblems(kind: ListingKind, input: TermsInput): FieldError[] {
  return Object.values(ListingKind)
    .filter((other) => other !== kind && input[TERMS_FIELD[other]])
    .map((other) => ({ field: TERMS_FIELD[other], message: `must be absent for a ${kind} listing` }));
}

function termsOf(kind: ListingKind, input: TermsInput, current: ListingTerms, defaults: TermsDefaults): ListingTerms {
  const terms: ListingTerms = { goods: null, service: null, subscription: null };
  if (kind === ListingKind.GOODS) {
    terms.goods = goodsTermsOf(input.goods!, current.goods, defaults.dispatchBusinessDays);
  } else if (kind === ListingKind.SERVICE) {
    const { durationMinutes, capacityPerSlot, location, requiresConsultation, cancellationPolicy } = input.service!;
    const fallbackPolicy = current.service?.cancellationPolicy ?? defaults.cancellationPolicy;
    terms.service = {
      durationMinutes,
      capacityPerSlot,
      location,
      requiresConsultation,
      cancellationPolicy: checkedPolicy(cancellationPolicy ?? fallbackPolicy),
    };
  } else {
    terms.subscription = subscriptionTermsOf(input.subscription!, current.subscription, defaults.cutoffDays);
  }
  return terms;
}

/** An omitted field keeps the current value (or the default when new); an explicit null restores the default. */
function kept<T>(given: T | null | undefined, current: T | null | undefined, fallback: T): T {
  if (given === undefined) return current ?? fallback;
  return given ?? fallback;
}

function goodsTermsOf(input: GoodsTermsInput, current: GoodsTerms | null, defaultDispatchDays: number): GoodsTerms {
  const { stock, shippingFee, freeShippingOver } = input;
  return {
    stock,
    shippingFee,
    freeShippingOver: freeShippingOver ?? null,
    dispatchBusinessDays: kept(input.dispatchBusinessDays, current?.dispatchBusinessDays, defaultDispatchDays),
    returnShippingFee: kept<number | null>(input.returnShippingFee, current?.returnShippingFee, null),
    perishable: kept(input.perishable, current?.perishable, false),
  };
}

/**
 * docs/RULES.md §20: a weekly or biweekly plan ships on a weekday, a monthly one on a day of the month; the
 * other anchor is refused. An anchor the plan had before its interval changed family is not kept.
 */
function subscriptionTermsOf(input: SubscriptionTermsInput, current: SubscriptionTerms | null, defaultCutoffDays: number): SubscriptionTerms {
  const { interval, shippingFee, minimumCycles, contents } = input;
  const monthly = interval === SubscriptionInterval.MONTHLY;
  const foreignAnchor = monthly ? 'shipWeekday' : 'shipDayOfMonth';
  if (input[foreignAnchor] != null) throw BadUserInputError.field(`subscription.${foreignAnchor}`, `must be absent for a ${interval} plan`);
  return {
    interval,
    shippingFee,
    minimumCycles,
    contents: contents.map((item) => item.trim()),
    shipWeekday: monthly ? null : kept(input.shipWeekday, current?.shipWeekday, DEFAULT_SHIP_WEEKDAY),
    shipDayOfMonth: monthly ? kept(input.shipDayOfMonth, current?.shipDayOfMonth, DEFAULT_SHIP_DAY_OF_MONTH) : null,
    cutoffDays: kept(input.cutoffDays, current?.cutoffDays, defaultCutoffDays),
    subscriberLimit: kept<number | null>(input.subscriberLimit, current?.subscriberLimit, null),
  };
}

/** The partial refund applies closer to the start than the full one. */
function checkedPolicy(policy: CancellationPolicyInput): CancellationPolicy {
  if (policy.partialRefundHoursBefore > policy.fullRefundHoursBefore) {
    throw BadUserInputError.field('service.cancellationPolicy.partialRefundHoursBefore', 'must not be more than fullRefundHoursBefore');
  }
  const { fullRefundHoursBefore, partialRefundHoursBefore, partialRefundRateBps } = policy;
  return { fullRefundHoursBefore, partialRefundHoursBefore, partialRefundRateBps };
}
