import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  ForbiddenError,
  InvalidStateError,
  LimitExceededError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
  addDays,
  isUuid,
  paginate,
  seoulDateOf,
  type Page,
  type PageArgs,
} from '../../common/src/index.js';
import { ACTING_ROLES, OrganizationService, type OrganizationRole } from '../../identity/src/index.js';
import type { PartnerAgencyApplicationInput, PartnerAgencyFilter, ReviewInput } from './dto/partner-agency.input.js';
import { DuesService } from './dues.service.js';
import { MembershipTier } from './membership-tier.entity.js';
import { MembershipTierService } from './membership-tier.service.js';
import { PartnerAgencyTransitions } from './partner-agency-transitions.js';
import { PartnerAgency, PartnerAgencyStatus as S, ReviewDecision, SuspensionCause } from './partner-agency.entity.js';
import { PolicyKind } from './policy-document.entity.js';
import { PolicyService } from './policy.service.js';
import { TierChangeService } from './tier-change.service.js';

const REVIEW_OUTCOME: Record<ReviewDecision, S> = {
  [ReviewDecision.APPROVE]: S.AWAITING_DUES,
  [ReviewDecision.REQUEST_CHANGES]: S.CHANGES_REQUESTED,
  [ReviewDecision.REJECT]: S.REJECTED,
};

/** docs/RULES.md §4: an application needs the current operating principles and ethics code. */
const APPLICATION_POLICIES = [PolicyKind.OPERATING_PRINCIPLES, PolicyKind.ETHICS_CODE];

/**
 * What another library does when an agency withdraws, inside the withdrawal's transaction (booking queues
 * the cancellation of its upcoming reservations). It must not lock rows of its own: the agency row is
 * locked already, and payments lock their booking before the agency.
 */
export type WithdrawalHandler = (ctx: RequestContext, agency: PartnerAgency) => Promise<void>;

/** Which of `userIds` bought from (or consulted) one of `agencyIds`. */
export type CustomersAmong = (agencyIds: string[], userIds: readonly string[]) => Promise<Set<string>>;

/**
 * Partner agencies (docs/RULES.md §4): application, review, suspension, withdrawal, tier changes, who sees what,
 * and the questions the catalog asks (may it publish, is it sellable, which fee applies).
 */
@Injectable()
export class PartnerAgencyService {
  private readonly withdrawalHandlers: WithdrawalHandler[] = [];

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly organizations: OrganizationService,
    private readonly policies: PolicyService,
    private readonly tiers: MembershipTierService,
    private readonly dues: DuesService,
    private readonly tierChanges: TierChangeService,
    private readonly transitions: PartnerAgencyTransitions,
  ) {}

  /**
   * By an OWNER or MANAGER of the organization, agreeing to the current policies, for an active tier.
   * One agency per organization: after CHANGES_REQUESTED, or once the wait after a rejection is over, the
   * same row goes back to PENDING_REVIEW with the new details; any other existing row is INVALID_STATE.
   */
  async apply(ctx: RequestContext, input: PartnerAgencyApplicationInput): Promise<PartnerAgency> {
    await this.organizations.requireActingRole(ctx, input.organizationId);
    const tier = await this.tiers.getActiveByCode(ctx, input.tierCode);
    await this.policies.recordAgreements(ctx, {
      userId: ctx.user!.id,
      organizationId: input.organizationId,
      agreedPolicyIds: input.agreedPolicyIds,
      requiredKinds: APPLICATION_POLICIES,
    });
    const now = this.clock.now();
    const details = { tierId: tier.id, introduction: input.introduction.trim(), serviceCategories: input.serviceCategories, appliedAt: now };
    const repo = this.connection.getRepository(ctx, PartnerAgency);
    const { raw } = await repo
      .createQueryBuilder()
      .insert()
      .values({ ...details, organizationId: input.organizationId, status: S.PENDING_REVIEW, statusChangedAt: now })
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    const inserted = (raw as Array<{ id: string }>)[0];
    if (inserted) return repo.findOneByOrFail({ id: inserted.id });

    const existing = await repo.findOneByOrFail({ organizationId: input.organizationId });
    return this.transitions.transition(ctx, existing.id, S.PENDING_REVIEW, (agency) => {
      if (agency.status === S.REJECTED) {
        const from = addDays(seoulDateOf(agency.statusChangedAt), this.config.partnerAgencyReapplyWaitDays);
        if (this.clock.today() < from) throw new InvalidStateError(`The application was rejected; the organization may apply again from ${from}`);
      }
      Object.assign(agency, details);
    });
  }

  /**
   * Operators only. Approval verifies the organization (its registration number becomes its own, CONFLICT
   * when another organization was verified for it) and issues the first dues invoice; rejecting or
   * requesting changes needs a note.
   */
  async review(ctx: RequestContext, input: ReviewInput): Promise<PartnerAgency> {
    const note = input.note?.trim() || null;
    if (input.decision !== ReviewDecision.APPROVE && !note) throw BadUserInputError.field('note', 'explain the decision to the applicant');
    const agency = await this.transitions.transition(ctx, input.id, REVIEW_OUTCOME[input.decision], (row) => (row.reviewNote = note));
    if (input.decision === ReviewDecision.APPROVE) {
      await this.organizations.markVerified(ctx, agency.organizationId);
      await this.dues.startBilling(ctx, agency);
    }
    return agency;
  }

  /** Operators only: ACTIVE → SUSPENDED until reinstated (paying dues does not end this suspension). */
  suspend(ctx: RequestContext, id: string, reason: string): Promise<PartnerAgency> {
    const text = requireReason(reason);
    return this.transitions.transition(ctx, id, S.SUSPENDED, (agency) => {
      agency.suspensionCause = SuspensionCause.OPERATOR;
      agency.statusReason = text;
    });
  }

  /** Operators only: SUSPENDED (for any cause) → ACTIVE. AWAITING_DUES → ACTIVE is for the first payment alone. */
  reinstate(ctx: RequestContext, id: string): Promise<PartnerAgency> {
    return this.transitions.transition(ctx, id, S.ACTIVE, (agency) => {
      if (agency.status !== S.SUSPENDED) throw new InvalidStateError(`A ${agency.status} partner agency cannot be reinstated`);
      agency.statusReason = null;
    });
  }

  /** 퇴점, final: by the agency's OWNER or MANAGER or an operator; unpaid invoices are voided, and the withdrawal handlers run. */
  async withdraw(ctx: RequestContext, id: string, reason: string): Promise<PartnerAgency> {
    const text = requireReason(reason);
    await this.assertMayActFor(ctx, id);
    const agency = await this.transitions.transition(ctx, id, S.WITHDRAWN, (row) => {
      row.statusReason = text;
      row.scheduledTierId = null;
      row.scheduledTierFrom = null;
    });
    await this.dues.voidUnpaid(ctx, id);
    for (const handler of this.withdrawalHandlers) await handler(ctx, agency);
    return agency;
  }

  /** Other libraries register in their module, as payment purposes do (membership cannot import them). */
  onWithdrawal(handler: WithdrawalHandler): void {
    this.withdrawalHandlers.push(handler);
  }

  /** By the agency's OWNER or MANAGER or an operator (docs/RULES.md §5 upgrade / downgrade). */
  async changeTier(ctx: RequestContext, id: string, tierCode: string): Promise<PartnerAgency> {
    await this.assertMayActFor(ctx, id);
    return this.tierChanges.change(ctx, id, tierCode);
  }

  load(ctx: RequestContext, id: string): Promise<PartnerAgency | null> {
    return isUuid(id) ? this.connection.loadOne(ctx, PartnerAgency, 'id', id, (agency) => agency.id) : Promise.resolve(null);
  }

  loadByOrganization(ctx: RequestContext, organizationId: string): Promise<PartnerAgency | null> {
    return this.connection.loadOne(ctx, PartnerAgency, 'organization_id', organizationId, (agency) => agency.organizationId);
  }

  /** The public sees ACTIVE agencies; members see their own and operators all. Anything else is NOT_FOUND. */
  async getVisible(ctx: RequestContext, id: string): Promise<PartnerAgency> {
    const agency = await this.load(ctx, id);
    if (!agency || !(await this.isVisible(ctx, agency))) throw new NotFoundError('Partner agency', id);
    return agency;
  }

  async isVisible(ctx: RequestContext, agency: PartnerAgency): Promise<boolean> {
    return agency.status === S.ACTIVE || ctx.isOperator || (await this.organizations.roleOf(ctx, agency.organizationId)) !== null;
  }

  /** Dues invoices and strikes: the agency's members and operators only (docs/RULES.md §11). */
  async assertMayReadPrivate(ctx: RequestContext, agency: PartnerAgency): Promise<void> {
    if (ctx.isOperator || (await this.organizations.roleOf(ctx, agency.organizationId))) return;
    throw new ForbiddenError("Only the agency's members and operators may see this");
  }

  /** The caller's role in the agency's organization, or null (outsiders, unknown agencies); batched per request. */
  async memberRole(ctx: RequestContext, partnerAgencyId: string): Promise<OrganizationRole | null> {
    const agency = await this.load(ctx, partnerAgencyId);
    return agency && ctx.user ? this.organizations.roleOf(ctx, agency.organizationId) : null;
  }

  /** The agencies the caller is a member of, in any role; none when signed out. */
  async idsOfCallerAgencies(ctx: RequestContext): Promise<string[]> {
    if (!ctx.user) return [];
    const memberships = await this.organizations.membershipsOfUser(ctx, ctx.user.id);
    const agencies = await Promise.all(memberships.map((m) => this.loadByOrganization(ctx, m.organizationId)));
    return agencies.filter((agency) => agency !== null).map((agency) => agency.id);
  }

  /**
   * Whether `userId` is a customer of an agency the caller is a member of (docs/RULES.md §11, §25: who may read
   * a buyer's email and phone), as `customersAmong` tells from its own tables; one call per request and
   * `loaderName` however many users a response shows.
   */
  isCustomerOfCallerAgency(ctx: RequestContext, loaderName: string, userId: string, customersAmong: CustomersAmong): Promise<boolean> {
    return ctx
      .loader<string, boolean>(loaderName, async (userIds) => {
        const agencyIds = await this.idsOfCallerAgencies(ctx);
        const customers = agencyIds.length ? await customersAmong(agencyIds, userIds) : new Set<string>();
        return userIds.map((id) => customers.has(id));
      })
      .load(userId);
  }

  /** What an agency's members and operators read (its bookings, its orders); others NOT_FOUND. */
  async assertMemberOrOperator(ctx: RequestContext, partnerAgencyId: string): Promise<void> {
    ctx.requireUser();
    // An id that is no UUID names no agency, for operators too (it would otherwise reach SQL as a uuid).
    if (isUuid(partnerAgencyId) && (ctx.isOperator || (await this.memberRole(ctx, partnerAgencyId)))) return;
    throw new NotFoundError('Partner agency', partnerAgencyId);
  }

  /** Members of a listing's own agency cannot book or buy it (docs/RULES.md §8, §16): FORBIDDEN. */
  async assertNotMember(ctx: RequestContext, partnerAgencyId: string, doing: 'book' | 'buy'): Promise<void> {
    if (await this.memberRole(ctx, partnerAgencyId)) throw new ForbiddenError(`Members of the listing's own partner agency cannot ${doing} it`);
  }

  /**
   * An operator, or an OWNER or MANAGER of the agency's organization. STAFF get FORBIDDEN; outsiders
   * NOT_FOUND, as everywhere one acts for an organization (they learn nothing beyond the public view).
   */
  async assertMayActFor(ctx: RequestContext, id: string): Promise<PartnerAgency> {
    if (!ctx.user) throw new UnauthenticatedError();
    const agency = await this.load(ctx, id);
    if (agency && ctx.isOperator) return agency;
    const role = agency ? await this.organizations.roleOf(ctx, agency.organizationId) : null;
    if (!agency || !role) throw new NotFoundError('Partner agency', id);
    if (!ACTING_ROLES.includes(role)) throw new ForbiddenError('Only owners and managers may act for the partner agency');
    return agency;
  }

  /** Newest application first. The public sees ACTIVE agencies only; operators may filter by any status. */
  async list(ctx: RequestContext, filter: PartnerAgencyFilter = {}, page: PageArgs = {}): Promise<Page<PartnerAgency>> {
    const query = this.connection.getRepository(ctx, PartnerAgency).createQueryBuilder('agency');
    if (!ctx.isOperator) query.andWhere('agency.status = :active', { active: S.ACTIVE });
    if (filter.status) query.andWhere('agency.status = :status', { status: filter.status });
    if (filter.tierCode) {
      const tiers = query.subQuery().select('tier.id').from(MembershipTier, 'tier').where('tier.code = :tierCode').getQuery();
      query.andWhere(`agency.tierId IN ${tiers}`, { tierCode: filter.tierCode });
    }
    const nameContains = filter.search?.trim();
    if (filter.organizationKind || nameContains) {
      const organizationIds = await this.organizations.idsMatching(ctx, { kind: filter.organizationKind, nameContains });
      query.andWhere('agency.organizationId = ANY(:organizationIds)', { organizationIds });
    }
    return paginate(query, page, [
      { expression: 'agency.applied_at', direction: 'DESC', valueOf: (agency) => agency.appliedAt },
      { expression: 'agency.id', direction: 'DESC', valueOf: (agency) => agency.id },
    ]);
  }

  /**
   * For the catalog before publishing another listing: the agency must be ACTIVE (else INVALID_STATE) and
   * below its tier's maxPublishedListings (else LIMIT_EXCEEDED).
   */
  async assertMayPublish(ctx: RequestContext, partnerAgencyId: string, currentlyPublished: number): Promise<void> {
    const agency = await this.load(ctx, partnerAgencyId);
    if (!agency) throw new NotFoundError('Partner agency', partnerAgencyId);
    if (agency.status !== S.ACTIVE) throw new InvalidStateError(`A ${agency.status} partner agency cannot publish listings`);
    const tier = await this.tiers.getById(ctx, agency.tierId);
    if (tier.maxPublishedListings !== null && currentlyPublished >= tier.maxPublishedListings) {
      throw new LimitExceededError(`The ${tier.code} membership tier allows ${tier.maxPublishedListings} published listings`);
    }
  }

  /** docs/RULES.md §4: only ACTIVE agencies' listings are visible, reservable and buyable. */
  async isSellable(ctx: RequestContext, partnerAgencyId: string): Promise<boolean> {
    return (await this.load(ctx, partnerAgencyId))?.status === S.ACTIVE;
  }

  /**
   * For a sale being paid: whether the agency is ACTIVE, with its row share-locked until the transaction
   * ends. A suspension or withdrawal (which locks the row to change it) then waits for the payment and
   * sees it, or the payment waits for the change and is refused: none slips between check and commit. The
   * same statement reads its tier's fee rate, which the sale then stores (`platformFeeRateBps`, no second read).
   */
  lockForSale(ctx: RequestContext, partnerAgencyId: string): Promise<boolean> {
    return this.lockAllForSale(ctx, [partnerAgencyId]);
  }

  /**
   * `lockForSale` for every agency of a sale (a checkout's), in one statement: whether all are ACTIVE. The rows are
   * locked in id order, as every payment locks them, so two payments never wait on each other.
   */
  async lockAllForSale(ctx: RequestContext, partnerAgencyIds: readonly string[]): Promise<boolean> {
    const ids = [...new Set(partnerAgencyIds)];
    const rows = await this.tiers
      .agenciesWithFeeRate(ctx)
      .addSelect('agency.id', 'partnerAgencyId')
      .addSelect('agency.status', 'status')
      .where('agency.id = ANY(:ids)', { ids })
      .orderBy('agency.id')
      .setLock('pessimistic_read', undefined, ['agency'])
      .getRawMany<{ partnerAgencyId: string; status: S; rateBps: number }>();
    for (const row of rows) this.tiers.rememberFeeRate(ctx, row.partnerAgencyId, row.rateBps);
    return rows.length === ids.length && rows.every((row) => row.status === S.ACTIVE);
  }

  /** The ACTIVE ones among `ids`, in one query. */
  async sellableAgencyIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.connection
      .getRepository(ctx, PartnerAgency)
      .createQueryBuilder('agency')
      .select('agency.id', 'id')
      .where('agency.id = ANY(:ids) AND agency.status = :active', { ids: ids.filter(isUuid), active: S.ACTIVE })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  /** The fee rate of the agency's tier now, for the catalog to store with a sale (docs/RULES.md §5). */
  platformFeeRateBps(ctx: RequestContext, partnerAgencyId: string): Promise<number> {
    return this.tiers.platformFeeRateBpsOfAgency(ctx, partnerAgencyId);
  }
}

function requireReason(reason: string): string {
  const text = reason.trim();
  if (!text) throw BadUserInputError.field('reason', 'must not be blank');
  return text;
}
