import { Injectable } from '@nestjs/common';
import { BadUserInputError, ClockService, RequestContext, TransactionalConnection, isUuid } from '../../common/src/index.js';
import type { PublishPolicyInput } from './dto/policy.input.js';
import { PolicyAgreement } from './policy-agreement.entity.js';
import { PolicyDocument, PolicyKind } from './policy-document.entity.js';

export interface RecordAgreementsInput {
  userId: string;
  /** The organization the user agrees for, if any. */
  organizationId: string | null;
  /** What the client sent as `agreedPolicyIds`. */
  agreedPolicyIds: readonly string[];
  /** Kinds whose current version must be among them. */
  requiredKinds: readonly PolicyKind[];
}

/** Policy documents and agreements to them; partner agencies and market creators (later) record agreements here. */
@Injectable()
export class PolicyService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /**
   * Publishes the next version of a kind. The transaction-scoped advisory lock makes concurrent publishes
   * of one kind take turns; the unique (kind, version) constraint is the guarantee behind it.
   */
  async publish(ctx: RequestContext, input: PublishPolicyInput): Promise<PolicyDocument> {
    const manager = this.connection.manager(ctx);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('policy_document:' || $1))`, [input.kind]);
    const [{ next }] = await manager.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM policy_document WHERE kind = $1`, [input.kind]);
    const repo = this.connection.getRepository(ctx, PolicyDocument);
    return repo.save(
      repo.create({
        kind: input.kind,
        version: Number(next),
        title: input.title.trim(),
        body: input.body,
        publishedAt: this.clock.now(),
        publishedBy: ctx.user?.id ?? null,
      }),
    );
  }

  /** The newest version of each kind. */
  current(ctx: RequestContext): Promise<PolicyDocument[]> {
    return this.connection
      .getRepository(ctx, PolicyDocument)
      .createQueryBuilder('policy')
      .distinctOn(['policy.kind'])
      .orderBy('policy.kind')
      .addOrderBy('policy.version', 'DESC')
      .getMany();
  }

  /**
   * Records the user's agreement to every policy named in `agreedPolicyIds`. Refuses, recording nothing,
   * when an id names no policy or the current version of a required kind is missing:
   * BAD_USER_INPUT on `agreedPolicyIds`, one message per problem (e.g. "ETHICS_CODE: agree to the current version").
   */
  async recordAgreements(ctx: RequestContext, input: RecordAgreementsInput): Promise<PolicyAgreement[]> {
    const ids = [...new Set(input.agreedPolicyIds)];
    const unknown = ids.filter((id) => !isUuid(id));
    const agreed = await this.connection
      .getRepository(ctx, PolicyDocument)
      .createQueryBuilder('policy')
      .where('policy.id = ANY(:ids)', { ids: ids.filter(isUuid) })
      .getMany();
    const found = new Set(agreed.map((policy) => policy.id));
    unknown.push(...ids.filter((id) => isUuid(id) && !found.has(id)));
    const current = new Map((await this.current(ctx)).map((policy) => [policy.kind, policy]));
    const messages = [
      ...unknown.map((id) => `${id}: no such policy`),
      ...input.requiredKinds.filter((kind) => !found.has(current.get(kind)?.id ?? '')).map((kind) => `${kind}: agree to the current version`),
    ];
    if (messages.length) throw new BadUserInputError(messages.map((message) => ({ field: 'agreedPolicyIds', message })));

    const now = this.clock.now();
    const repo = this.connection.getRepository(ctx, PolicyAgreement);
    const rows = agreed.map((policy) =>
      repo.create({
        userId: input.userId,
        organizationId: input.organizationId,
        policyId: policy.id,
        kind: policy.kind,
        version: policy.version,
        agreedAt: now,
      }),
    );
    if (rows.length) await repo.insert(rows);
    return rows;
  }
}
