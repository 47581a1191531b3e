import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUniqueViolation,
  isUuid,
  paginate,
  type FieldError,
  type Page,
} from '../../common/src/index.js';
import { ListingService, type Listing } from '../../catalog/src/index.js';
import { ACTING_ROLES } from '../../identity/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import { Coupon, CouponListing, CouponScope, DiscountFunder, DiscountType } from './coupon.entity.js';
import type { CouponListArgs, SaveCouponInput } from './dto/promotion.inputs.js';
import { Exhibition, ExhibitionStatus } from './exhibition.entity.js';
import { ExhibitionService } from './exhibition.service.js';

const CODE = /^[A-Z0-9-]{4,20}$/;
const MAX_NAME = 100;
const MAX_WINDOW_DAYS = 366;
const MAX_LISTINGS = 500;
/** §19's window is a length of time (366 × 24 hours), not business days. */
const DAY_MS = 86_400_000;

/** What may still change once a coupon has been redeemed (docs/RULES.md §19). */
const CHANGEABLE_AFTER_REDEMPTION = new Set(['name', 'description', 'endsAt', 'totalUsageLimit', 'perUserLimit', 'active']);

/** A coupon's code as compared and stored: trimmed, upper-case. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Coupons (docs/RULES.md §19, §25): who makes which, their validation, what may change after the first
 * redemption, and who reads them and their codes.
 */
@Injectable()
export class CouponService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly agencies: PartnerAgencyService,
    private readonly listings: ListingService,
    private readonly exhibitions: ExhibitionService,
  ) {}

  /** Creates or changes a coupon; the coupon row stays locked, so a checkout redeeming it waits or is waited for. */
  async save(ctx: RequestContext, input: SaveCouponInput): Promise<Coupon> {
    ctx.requireUser();
    const existing = input.id ? await this.lock(ctx, input.id) : null;
    if (existing) await this.assertMaker(ctx, existing);
    await this.assertMaker(ctx, { fundedBy: input.fundedBy, partnerAgencyId: input.partnerAgencyId ?? null });
    const now = this.clock.now();
    const fields = await this.validFields(ctx, input);
    const listingIds = input.scope === CouponScope.LISTINGS ? [...new Set(input.listingIds ?? [])] : [];
    if (existing?.redeemed) this.assertChangeableAfterRedemption(existing, fields, listingIds, await this.listingIdsOf(ctx, existing.id), now);
    const repo = this.connection.getRepository(ctx, Coupon);
    try {
      const saved = existing
        ? await this.connection.updateLocked(ctx, Coupon, existing, (row) => Object.assign(row, fields, { updatedAt: now }))
        : repo.create({ id: randomUUID(), ...fields, usedCount: 0, redeemed: false, createdAt: now, updatedAt: now });
      if (!existing) await repo.insert(saved);
      const rows = this.connection.getRepository(ctx, CouponListing);
      await rows.delete({ couponId: saved.id });
      if (listingIds.length) await rows.insert(listingIds.map((listingId) => ({ couponId: saved.id, listingId })));
      return saved;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`Another coupon has the code ${fields.code}`);
      throw error;
    }
  }

  /** The coupon row, locked until the transaction ends (saves and redemptions queue here). */
  lock(ctx: RequestContext, id: string): Promise<Coupon> {
    return this.connection.lock(ctx, Coupon, id, 'Coupon');
  }

  /** By id, when the caller may read it (else NOT_FOUND). */
  async get(ctx: RequestContext, id: string): Promise<Coupon> {
    const coupon = isUuid(id) ? await this.connection.loadOne(ctx, Coupon, 'id', id, (row) => row.id) : null;
    if (!coupon || !(await this.mayRead(ctx, coupon))) throw new NotFoundError('Coupon', id);
    return coupon;
  }

  /** By id, whoever may read it (the rules of using it are the cart's). */
  byId(ctx: RequestContext, id: string): Promise<Coupon | null> {
    return this.connection.getRepository(ctx, Coupon).findOneBy({ id });
  }

  /** By code, whoever may read it: buyers enter codes they were given (docs/RULES.md §19). */
  byCode(ctx: RequestContext, code: string): Promise<Coupon | null> {
    return this.connection.getRepository(ctx, Coupon).findOneBy({ code: normalizeCode(code) });
  }

  /** docs/RULES.md §25: a PUBLISHED exhibition's coupons are public; others operators and the funding agency's members. */
  async mayRead(ctx: RequestContext, coupon: Coupon): Promise<boolean> {
    if (ctx.isOperator) return true;
    if (coupon.partnerAgencyId && (await this.agencies.memberRole(ctx, coupon.partnerAgencyId))) return true;
    return this.isPublic(ctx, coupon);
  }

  async isPublic(ctx: RequestContext, coupon: Coupon): Promise<boolean> {
    if (!coupon.exhibitionId) return false;
    const exhibition = await this.connection.loadOne(ctx, Exhibition, 'id', coupon.exhibitionId, (row) => row.id);
    return exhibition?.status === ExhibitionStatus.PUBLISHED;
  }

  /**
   * Operators all (narrowed by the filter); an agency's members their agency's, which they must name
   * (`filter.partnerAgencyId`; another agency NOT_FOUND). Newest first.
   */
  async list(ctx: RequestContext, args: CouponListArgs): Promise<Page<Coupon>> {
    ctx.requireUser();
    const filter = args.filter ?? {};
    if (!ctx.isOperator) {
      if (!filter.partnerAgencyId) throw BadUserInputError.field('filter.partnerAgencyId', "is required: agency members list their agency's coupons");
      await this.agencies.assertMemberOrOperator(ctx, filter.partnerAgencyId);
    }
    const query = this.connection.getRepository(ctx, Coupon).createQueryBuilder('coupon');
    if (filter.partnerAgencyId) query.andWhere('coupon.partner_agency_id = :partnerAgencyId', { partnerAgencyId: filter.partnerAgencyId });
    if (filter.exhibitionId) query.andWhere('coupon.exhibition_id = :exhibitionId', { exhibitionId: filter.exhibitionId });
    if (filter.fundedBy) query.andWhere('coupon.funded_by = :fundedBy', { fundedBy: filter.fundedBy });
    if (filter.activeOnly) query.andWhere('coupon.active AND coupon.starts_at <= :now AND coupon.ends_at > :now', { now: this.clock.now() });
    return paginate(query, args, [
      { expression: 'coupon.created_at', direction: 'DESC', valueOf: (row) => row.createdAt },
      { expression: 'coupon.id', direction: 'DESC', valueOf: (row) => row.id },
    ]);
  }

  /** Active coupons scoped to an exhibition, batched per request (Exhibition.coupons). */
  async ofExhibition(ctx: RequestContext, exhibitionId: string): Promise<Coupon[]> {
    const coupons = await this.connection.loadMany(ctx, Coupon, 'exhibition_id', exhibitionId, (row) => row.exhibitionId!, 'created_at');
    return coupons.filter((coupon) => coupon.active);
  }

  /** The listing ids a LISTINGS coupon names. */
  async listingIdsOf(ctx: RequestContext, couponId: string): Promise<string[]> {
    const rows = await this.connection.loadMany(ctx, CouponListing, 'coupon_id', couponId, (row) => row.couponId, 'listing_id');
    return rows.map((row) => row.listingId);
  }

  /** The listings a LISTINGS coupon names that the caller may see (Coupon.listings). */
  async listingsOf(ctx: RequestContext, coupon: Coupon): Promise<Listing[]> {
    const listings = await Promise.all((await this.listingIdsOf(ctx, coupon.id)).map((id) => this.listings.load(ctx, id)));
    const visible = await Promise.all(listings.map(async (listing) => (listing && (await this.listings.isVisible(ctx, listing)) ? listing : null)));
    return visible.filter((listing): listing is Listing => listing !== null);
  }

  /**
   * docs/RULES.md §19: operators make PLATFORM coupons; PARTNER_AGENCY coupons the agency's OWNER/MANAGER or an
   * operator. Others signed in are FORBIDDEN, outsiders of the agency NOT_FOUND.
   */
  private async assertMaker(ctx: RequestContext, coupon: Pick<Coupon, 'fundedBy' | 'partnerAgencyId'>): Promise<void> {
    if (coupon.fundedBy === DiscountFunder.PLATFORM) {
      if (ctx.isOperator) return;
      throw new ForbiddenError('Only operators make platform-funded coupons');
    }
    if (!coupon.partnerAgencyId) throw BadUserInputError.field('partnerAgencyId', 'is required for a PARTNER_AGENCY coupon');
    // Operators make any agency's coupons, of an agency that exists: an id naming none (no UUID either) must not reach SQL (docs/RULES.md §11).
    if (ctx.isOperator) {
      if (await this.agencies.load(ctx, coupon.partnerAgencyId)) return;
      throw new NotFoundError('Partner agency', coupon.partnerAgencyId);
    }
    const role = await this.agencies.memberRole(ctx, coupon.partnerAgencyId);
    if (!role) throw new NotFoundError('Partner agency', coupon.partnerAgencyId);
    if (!ACTING_ROLES.includes(role)) throw new ForbiddenError("Only the agency's owners and managers make its coupons");
  }

  /** §19's validation; BAD_USER_INPUT naming every field at fault. */
  private async validFields(ctx: RequestContext, input: SaveCouponInput) {
    const problems: FieldError[] = [];
    const code = normalizeCode(input.code);
    const name = input.name.trim();
    const agencyFunded = input.fundedBy === DiscountFunder.PARTNER_AGENCY;
    if (!CODE.test(code)) problems.push({ field: 'code', message: 'must be 4–20 of A–Z 0–9 -' });
    if (!name || name.length > MAX_NAME) problems.push({ field: 'name', message: `must be 1–${MAX_NAME} characters` });
    if (input.discountType === DiscountType.PERCENTAGE) {
      if (!isWhole(input.rateBps) || input.rateBps! < 1 || input.rateBps! > 10_000)
        problems.push({ field: 'rateBps', message: 'must be 1–10000 for PERCENTAGE' });
    } else if (input.rateBps != null) problems.push({ field: 'rateBps', message: 'is for PERCENTAGE coupons only' });
    if (input.discountType === DiscountType.FIXED_AMOUNT) {
      if (!isWhole(input.amount) || input.amount! < 1) problems.push({ field: 'amount', message: 'must be at least 1 for FIXED_AMOUNT' });
    } else if (input.amount != null) problems.push({ field: 'amount', message: 'is for FIXED_AMOUNT coupons only' });
    if (input.maxDiscount != null && (!isWhole(input.maxDiscount) || input.maxDiscount < 1))
      problems.push({ field: 'maxDiscount', message: 'must be at least 1' });
    if (input.minOrderAmount != null && (!isWhole(input.minOrderAmount) || input.minOrderAmount < 0))
      problems.push({ field: 'minOrderAmount', message: 'must be 0 or more' });
    if (!agencyFunded && input.partnerAgencyId) problems.push({ field: 'partnerAgencyId', message: 'is for PARTNER_AGENCY coupons only' });
    if (input.perUserLimit != null && (!isWhole(input.perUserLimit) || input.perUserLimit < 1))
      problems.push({ field: 'perUserLimit', message: 'must be at least 1' });
    if (input.totalUsageLimit != null && (!isWhole(input.totalUsageLimit) || input.totalUsageLimit < 0))
      problems.push({ field: 'totalUsageLimit', message: 'must be 0 or more' });
    const cycles = input.subscriptionCycles ?? 1;
    if (!isWhole(cycles) || cycles < 1 || cycles > 12) problems.push({ field: 'subscriptionCycles', message: 'must be 1–12' });
    if (!(input.startsAt < input.endsAt)) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
    else if (input.endsAt.getTime() > input.startsAt.getTime() + MAX_WINDOW_DAYS * DAY_MS)
      problems.push({ field: 'endsAt', message: `must be at most ${MAX_WINDOW_DAYS} days after startsAt` });
    if (input.scope === CouponScope.EXHIBITION) {
      if (!input.exhibitionId || !(await this.exhibitions.load(ctx, input.exhibitionId)))
        problems.push({ field: 'exhibitionId', message: 'must name an exhibition you can see' });
    } else if (input.exhibitionId) problems.push({ field: 'exhibitionId', message: 'is for EXHIBITION coupons only' });
    if (input.scope === CouponScope.LISTINGS) problems.push(...(await this.listingProblems(ctx, input)));
    else if (input.listingIds?.length) problems.push({ field: 'listingIds', message: 'is for LISTINGS coupons only' });
    if (problems.length) throw new BadUserInputError(problems);
    return {
      code,
      name,
      description: input.description?.trim() || null,
      discountType: input.discountType,
      rateBps: input.rateBps ?? null,
      amount: input.amount ?? null,
      maxDiscount: input.maxDiscount ?? null,
      minOrderAmount: input.minOrderAmount ?? 0,
      fundedBy: input.fundedBy,
      partnerAgencyId: agencyFunded ? input.partnerAgencyId! : null,
      scope: input.scope,
      exhibitionId: input.scope === CouponScope.EXHIBITION ? input.exhibitionId! : null,
      appliesToSubscriptions: input.appliesToSubscriptions ?? false,
      subscriptionCycles: cycles,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      totalUsageLimit: input.totalUsageLimit ?? null,
      perUserLimit: input.perUserLimit ?? 1,
      active: input.active ?? true,
    };
  }

  /** LISTINGS: 1–500 listings the caller can see; an agency coupon's must be the agency's own. */
  private async listingProblems(ctx: RequestContext, input: SaveCouponInput): Promise<FieldError[]> {
    const ids = input.listingIds ?? [];
    if (!ids.length || ids.length > MAX_LISTINGS) return [{ field: 'listingIds', message: `must name 1–${MAX_LISTINGS} listings for LISTINGS coupons` }];
    const problems: FieldError[] = [];
    for (const [index, id] of ids.entries()) {
      const listing = isUuid(id) ? await this.listings.load(ctx, id) : null;
      if (!listing || !(await this.listings.isVisible(ctx, listing))) problems.push({ field: `listingIds[${index}]`, message: 'is not a listing you can see' });
      else if (input.fundedBy === DiscountFunder.PARTNER_AGENCY && listing.partnerAgencyId !== input.partnerAgencyId)
        problems.push({ field: `listingIds[${index}]`, message: "is not one of the funding agency's listings" });
    }
    return problems;
  }

  /** docs/RULES.md §19: after the first redemption only name, description, endsAt (not before now), limits and active change. */
  private assertChangeableAfterRedemption(
    coupon: Coupon,
    fields: Partial<Coupon>,
    listingIds: readonly string[],
    listingIdsBefore: readonly string[],
    now: Date,
  ): void {
    const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
    const changed = Object.entries(fields).filter(([key, value]) => !CHANGEABLE_AFTER_REDEMPTION.has(key) && !same(value, coupon[key as keyof Coupon]));
    if (changed.length || [...listingIds].sort().join() !== [...listingIdsBefore].sort().join()) {
      throw new InvalidStateError(
        `A redeemed coupon keeps its terms; only name, description, endsAt, limits and active may change (not ${changed.map(([key]) => key).join(', ') || 'listingIds'})`,
      );
    }
    if (fields.endsAt! < now && !same(fields.endsAt, coupon.endsAt)) throw new InvalidStateError('endsAt of a redeemed coupon cannot be moved before now');
    if (fields.totalUsageLimit != null && fields.totalUsageLimit < coupon.usedCount)
      throw new InvalidStateError(`totalUsageLimit cannot go below the ${coupon.usedCount} uses made`);
  }
}

function isWhole(value: number | null | undefined): boolean {
  return value != null && Number.isSafeInteger(value);
}
