import { Injectable } from '@nestjs/common';
import { ClockService, NotFoundError, RequestContext, TransactionalConnection, isUuid } from '../../common/src/index.js';
import { PartnerAgency } from './partner-agency.entity.js';
import { Strike, StrikeReason } from './strike.entity.js';

export interface AddStrikeInput {
  partnerAgencyId: string;
  reason: StrikeReason;
  note?: string | null;
  /** The order that caused it (docs/RULES.md §17). */
  orderId?: string | null;
  /** When it happened, for a job recording a deadline's strike at the deadline (docs/RULES.md §14); default now. */
  recordedAt?: Date;
}

/** Strikes against partner agencies: added by operators, and by other libraries (late shipment, provider no-show…). */
@Injectable()
export class StrikeService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /** Access is the caller's to check; `ctx.user` (an operator) is recorded as the author when there is one. */
  async addStrike(ctx: RequestContext, input: AddStrikeInput): Promise<Strike> {
    const exists = isUuid(input.partnerAgencyId) && (await this.connection.getRepository(ctx, PartnerAgency).existsBy({ id: input.partnerAgencyId }));
    if (!exists) throw new NotFoundError('Partner agency', input.partnerAgencyId);
    const repo = this.connection.getRepository(ctx, Strike);
    return repo.save(
      repo.create({
        partnerAgencyId: input.partnerAgencyId,
        reason: input.reason,
        note: input.note?.trim() || null,
        orderId: input.orderId ?? null,
        createdBy: ctx.user?.id ?? null,
        createdAt: input.recordedAt ?? this.clock.now(),
      }),
    );
  }

  /**
   * Whether the order already earned a strike of this kind: the once-per-order strikes (docs/RULES.md §17) are
   * checked first by callers holding the order's lock, since a unique violation would abort their transaction.
   */
  hasOrderStrike(ctx: RequestContext, orderId: string, reason: StrikeReason): Promise<boolean> {
    return this.connection.getRepository(ctx, Strike).existsBy({ orderId, reason });
  }

  /** Oldest first; batched per request. */
  strikesOf(ctx: RequestContext, partnerAgencyId: string): Promise<Strike[]> {
    return this.connection.loadMany(ctx, Strike, 'partner_agency_id', partnerAgencyId, (strike) => strike.partnerAgencyId, 'created_at');
  }
}
