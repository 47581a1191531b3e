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
  pageSize,
} from '../../common/src/index.js';
import { OrganizationService } from '../../identity/src/index.js';
import { PolicyKind, PolicyService, ReviewDecision, type ReviewInput } from '../../membership/src/index.js';
import type { MarketCreatorApplicationInput } from './dto/market-creator.input.js';
import { MarketCreatorTransitions } from './market-creator-transitions.js';
import { MarketCreator, MarketCreatorStatus, ORGANIZATION_KINDS, SELF_APPROVED_KINDS } from './market-creator.entity.js';
import { PayoutAccountView, maskAccountNumber, normalizeAccountNumber } from './payout-account.js';

/** Market creators' applications, reviews and suspensions, and who may see what of them (docs/RULES.md §10, §11). */
@Injectable()
export class MarketCreatorService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly transitions: MarketCreatorTransitions,
    private readonly organizations: OrganizationService,
    private readonly policies: PolicyService,
  ) {}

  /**
   * One market creator per user, agreeing to the current MARKET_CREATOR_TERMS. A rejected user may apply
   * again (the same record is reused). INDIVIDUAL applications are ACTIVE at once; the other kinds wait for `review`.
   */
  async apply(ctx: RequestContext, input: MarketCreatorApplicationInput): Promise<MarketCreator> {
    const userId = ctx.requireUser().id;
    const organizationId = await this.organizationFor(ctx, input);
    const accountNumber = normalizeAccountNumber(input.payoutAccount.accountNumber);
    if (!accountNumber) throw BadUserInputError.field('payoutAccount.accountNumber', 'must have 6 to 20 digits');
    await this.policies.recordAgreements(ctx, {
      userId,
      organizationId,
      agreedPolicyIds: input.agreedPolicyIds,
      requiredKinds: [PolicyKind.MARKET_CREATOR_TERMS],
    });

    const repo = this.connection.getRepository(ctx, MarketCreator);
    const existing = await repo.createQueryBuilder('creator').setLock('pessimistic_write').where('creator.user_id = :userId', { userId }).getOne();
    if (existing && existing.status !== MarketCreatorStatus.REJECTED) throw new ConflictError('You already have a market creator account');
    const status = SELF_APPROVED_KINDS.includes(input.kind) ? MarketCreatorStatus.ACTIVE : MarketCreatorStatus.PENDING_REVIEW;

    const details = {
      organizationId,
      kind: input.kind,
      handle: input.handle,
      displayName: input.displayName.trim(),
      bio: input.bio?.trim() || null,
      payoutBankCode: input.payoutAccount.bankCode,
      payoutAccountNumber: accountNumber,
      payoutAccountHolder: input.payoutAccount.accountHolder.trim(),
      statusNote: null,
    };
    try {
      if (existing) return await this.transitions.apply(ctx, existing, status, (row) => Object.assign(row, details));
      const now = this.clock.now();
      return await repo.save(repo.create({ ...details, userId, status, createdAt: now, updatedAt: now }));
    } catch (error) {
      if (isUniqueViolation(error, 'market_creator_handle_uq')) throw new ConflictError(`The handle ${input.handle} is taken`);
      if (isUniqueViolation(error, 'market_creator_user_uq')) throw new ConflictError('You already have a market creator account');
      throw error;
    }
  }

  /** The operator approves or rejects (with a note for the applicant) a PENDING_REVIEW application. */
  async review(ctx: RequestContext, { id, decision, note }: ReviewInput): Promise<MarketCreator> {
    if (decision === ReviewDecision.REQUEST_CHANGES) {
      throw BadUserInputError.field('decision', 'market creator applications are approved or rejected; a rejected user may apply again');
    }
    if (decision === ReviewDecision.REJECT && !note?.trim()) throw BadUserInputError.field('note', 'explain the decision to the applicant');
    const creator = await this.transitions.lock(ctx, id);
    if (creator.status !== MarketCreatorStatus.PENDING_REVIEW) throw new InvalidStateError(`Market creator is ${creator.status}, not PENDING_REVIEW`);
    const to = decision === ReviewDecision.APPROVE ? MarketCreatorStatus.ACTIVE : MarketCreatorStatus.REJECTED;
    return this.transitions.apply(ctx, creator, to, (row) => (row.statusNote = note?.trim() || null));
  }

  /** Operators' queue: applications waiting for `review`, oldest first (INDIVIDUAL ones never wait, §10). */
  pending(ctx: RequestContext, first: number | undefined): Promise<MarketCreator[]> {
    if (!ctx.isOperator) throw new ForbiddenError('Only operators review market creators');
    return this.connection
      .getRepository(ctx, MarketCreator)
      .find({ where: { status: MarketCreatorStatus.PENDING_REVIEW }, order: { createdAt: 'ASC', id: 'ASC' }, take: pageSize(first) });
  }

  /** A suspended market creator earns nothing new: attribution skips it and its market is hidden. */
  async suspend(ctx: RequestContext, id: string, reason: string): Promise<MarketCreator> {
    const text = reason.trim();
    if (!text || text.length > 1000) throw BadUserInputError.field('reason', 'must be 1 to 1000 characters, not blank');
    return this.transitions.transition(ctx, id, MarketCreatorStatus.SUSPENDED, (row) => (row.statusNote = text));
  }

  /** Only a suspension is undone here: PENDING_REVIEW → ACTIVE is an approval, which goes through review. */
  async reinstate(ctx: RequestContext, id: string): Promise<MarketCreator> {
    return this.transitions.transition(ctx, id, MarketCreatorStatus.ACTIVE, (row) => {
      if (row.status !== MarketCreatorStatus.SUSPENDED) throw new InvalidStateError(`Market creator is ${row.status}, not SUSPENDED`);
      row.statusNote = null;
    });
  }

  load(ctx: RequestContext, id: string): Promise<MarketCreator | null> {
    return this.connection.loadOne(ctx, MarketCreator, 'id', id, (c) => c.id);
  }

  /** For objects already visible to the caller (a commission, a payout) that name their market creator. */
  async getById(ctx: RequestContext, id: string): Promise<MarketCreator> {
    const creator = await this.load(ctx, id);
    if (!creator) throw new NotFoundError('Market creator', id);
    return creator;
  }

  async loadMany(ctx: RequestContext, ids: readonly string[]): Promise<MarketCreator[]> {
    const creators = await Promise.all(ids.map((id) => this.load(ctx, id)));
    return creators.filter((creator) => creator !== null);
  }

  forUser(ctx: RequestContext, userId: string): Promise<MarketCreator | null> {
    return this.connection.loadOne(ctx, MarketCreator, 'user_id', userId, (c) => c.userId);
  }

  /** ACTIVE market creators are public; the others only to their user and operators (else NOT_FOUND). */
  async getVisible(ctx: RequestContext, id: string): Promise<MarketCreator> {
    const creator = isUuid(id) ? await this.load(ctx, id) : null;
    if (!creator || !this.mayView(ctx, creator)) throw new NotFoundError('Market creator', id);
    return creator;
  }

  /** The ACTIVE market creator of this handle. */
  async getActiveByHandle(ctx: RequestContext, handle: string): Promise<MarketCreator> {
    const creator = await this.connection.getRepository(ctx, MarketCreator).findOneBy({ handle, status: MarketCreatorStatus.ACTIVE });
    if (!creator) throw new NotFoundError('Market', handle);
    return creator;
  }

  /** The caller's own market creator, whatever its status. */
  async own(ctx: RequestContext): Promise<MarketCreator> {
    const creator = await this.forUser(ctx, ctx.requireUser().id);
    if (!creator) throw new ForbiddenError('Only market creators may do this; apply with applyAsMarketCreator');
    return creator;
  }

  /** The caller's own market creator, which must be ACTIVE to curate, share links and earn. */
  async ownActive(ctx: RequestContext): Promise<MarketCreator> {
    const creator = await this.own(ctx);
    if (creator.status !== MarketCreatorStatus.ACTIVE) throw new InvalidStateError(`Your market creator account is ${creator.status}`);
    return creator;
  }

  isOwn(ctx: RequestContext, creator: MarketCreator): boolean {
    return ctx.user?.id === creator.userId;
  }

  /** docs/RULES.md §11: user, earnings, commissions, payouts and referral links are for the creator and operators. */
  assertMayReadPrivate(ctx: RequestContext, creator: MarketCreator, field: string): void {
    if (this.isOwn(ctx, creator) || ctx.isOperator) return;
    throw new ForbiddenError(`Only the market creator and operators may see ${field}`);
  }

  payoutAccount(creator: MarketCreator): PayoutAccountView {
    return {
      bankCode: creator.payoutBankCode,
      maskedAccountNumber: maskAccountNumber(creator.payoutAccountNumber),
      accountHolder: creator.payoutAccountHolder,
    };
  }

  private mayView(ctx: RequestContext, creator: MarketCreator): boolean {
    return creator.status === MarketCreatorStatus.ACTIVE || this.isOwn(ctx, creator) || ctx.isOperator;
  }

  /** CORPORATE and PUBLIC_INTEREST act for an organization the caller is OWNER or MANAGER of; the others for nobody. */
  private async organizationFor(ctx: RequestContext, input: MarketCreatorApplicationInput): Promise<string | null> {
    const organizationId = input.organizationId ?? null;
    if (!ORGANIZATION_KINDS.includes(input.kind)) {
      if (organizationId) throw BadUserInputError.field('organizationId', `must be empty for a ${input.kind} market creator`);
      return null;
    }
    if (!organizationId) throw BadUserInputError.field('organizationId', `is required for a ${input.kind} market creator`);
    await this.organizations.requireActingRole(ctx, organizationId);
    return organizationId;
  }
}
