import { BadUserInputError, type FieldError } from '../../common/src/index.js';
import type { CancellationPolicyInput, GoodsTermsInput, ServiceTermsInput, SubscriptionTermsInput } from './dto/listing.inputs.js';
import type { CancellationPolicy, GoodsTerms, ServiceTerms, SubscriptionTerms } from './listing-terms.js';
import { ListingKind } from './listing-enums.js';

export interface TermsInput {
  goods?: GoodsTermsInput | null;
  service?: ServiceTermsInput | null;
  subscription?: SubscriptionTermsInput | null;
}

export interface ListingTerms {
  goods: GoodsTerms | null;
  service: ServiceTerms | null;
  subscription: SubscriptionTerms | null;
}

const TERMS_FIELD = { [ListingKind.GOODS]: 'goods', [ListingKind.SERVICE]: 'service', [ListingKind.SUBSCRIPTION]: 'subscription' } as const;

/**
 * docs/RULES.md §6: a new listing has the terms of its kind, and no others. A service without a cancellation
 * policy gets `defaultPolicy` (a setting).
 */
export function termsOfNewListing(kind: ListingKind, input: TermsInput, defaultPolicy: CancellationPolicy): ListingTerms {
  const problems = foreignTermsProblems(kind, input);
  if (!input[TERMS_FIELD[kind]]) problems.unshift({ field: TERMS_FIELD[kind], message: `is required for a ${kind} listing` });
  if (problems.length) throw new BadUserInputError(problems);
  return termsOf(kind, input, defaultPolicy);
}

/**
 * The terms an update sets, or null when it leaves them alone. Terms of another kind are refused; new
 * service terms without a cancellation policy keep the current one.
 */
export function termsOfUpdate(kind: ListingKind, input: TermsInput, current: ListingTerms, defaultPolicy: CancellationPolicy): ListingTerms | null {
  const problems = foreignTermsProblems(kind, input);
  if (problems.length) throw new BadUserInputError(problems);
  if (!input[TERMS_FIELD[kind]]) return null;
  return termsOf(kind, input, current.service?.cancellationPolicy ?? defaultPolicy);
}

function foreignTermsProblems(kind: ListingKind, input: TermsInput): FieldError[] {
  return Object.values(ListingKind)
    .filter((other) => other !== kind && input[TERMS_FIELD[other]])
    .map((other) => ({ field: TERMS_FIELD[other], message: `must be absent for a ${kind} listing` }));
}

function termsOf(kind: ListingKind, input: TermsInput, fallbackPolicy: CancellationPolicy): ListingTerms {
  const terms: ListingTerms = { goods: null, service: null, subscription: null };
  if (kind === ListingKind.GOODS) {
    const { stock, shippingFee, freeShippingOver } = input.goods!;
    terms.goods = { stock, shippingFee, freeShippingOver: freeShippingOver ?? null };
  } else if (kind === ListingKind.SERVICE) {
    const { durationMinutes, capacityPerSlot, location, requiresConsultation, cancellationPolicy } = input.service!;
    terms.service = { durationMinutes, capacityPerSlot, location, requiresConsultation, cancellationPolicy: checkedPolicy(cancellationPolicy ?? fallbackPolicy) };
  } else {
    const { interval, shippingFee, minimumCycles, contents } = input.subscription!;
    terms.subscription = { interval, shippingFee, minimumCycles, contents: contents.map((item) => item.trim()) };
  }
  return terms;
}

/** The partial refund applies closer to the start than the full one. */
function checkedPolicy(policy: CancellationPolicyInput): CancellationPolicy {
  if (policy.partialRefundHoursBefore > policy.fullRefundHoursBefore) {
    throw BadUserInputError.field('service.cancellationPolicy.partialRefundHoursBefore', 'must not be more than fullRefundHoursBefore');
  }
  const { fullRefundHoursBefore, partialRefundHoursBefore, partialRefundRateBps } = policy;
  return { fullRefundHoursBefore, partialRefundHoursBefore, partialRefundRateBps };
}
