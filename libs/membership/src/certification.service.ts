import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
  isUuid,
  pageSize,
} from '../../common/src/index.js';
import { OrganizationService, isSocialEconomyKind } from '../../identity/src/index.js';
import { CertificationTransitions } from './certification-transitions.js';
import type { SubmitCertificationInput } from './dto/certification.input.js';
import type { ReviewInput } from './dto/partner-agency.input.js';
import { ReviewDecision } from './partner-agency.entity.js';
import { CertificationStatus, SocialEconomyCertification, isValidOn } from './social-economy-certification.entity.js';

/** Social-economy certifications: submitted by an organization, checked by operators (docs/RULES.md §23). */
@Injectable()
export class CertificationService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly organizations: OrganizationService,
    private readonly transitions: CertificationTransitions,
  ) {}

  async submit(ctx: RequestContext, input: SubmitCertificationInput): Promise<SocialEconomyCertification> {
    if (!ctx.user) throw new UnauthenticatedError();
    await this.organizations.requireActingRole(ctx, input.organizationId);
    if (!isSocialEconomyKind(input.kind)) throw BadUserInputError.field('kind', 'must be a social-economy kind');
    const certificateNumber = input.certificateNumber.trim();
    if (!certificateNumber) throw BadUserInputError.field('certificateNumber', 'must not be blank');
    if (input.issuedOn > this.clock.today()) throw BadUserInputError.field('issuedOn', 'must not be after today');
    const validUntil = input.validUntil ?? null;
    if (validUntil !== null && validUntil < input.issuedOn) throw BadUserInputError.field('validUntil', 'must not be before issuedOn');
    const repo = this.connection.getRepository(ctx, SocialEconomyCertification);
    return repo.save(
      repo.create({
        organizationId: input.organizationId,
        kind: input.kind,
        certificateNumber,
        issuedOn: input.issuedOn,
        validUntil,
        status: CertificationStatus.PENDING,
        reviewNote: null,
        submittedAt: this.clock.now(),
        reviewedAt: null,
      }),
    );
  }

  /** Operators: APPROVE → VERIFIED, REJECT (with a note) → REJECTED; there is nothing to change on a certificate. */
  review(ctx: RequestContext, { id, decision, note }: ReviewInput): Promise<SocialEconomyCertification> {
    if (!isUuid(id)) throw new NotFoundError('Certification', id);
    const reviewNote = note?.trim() || null;
    if (decision === ReviewDecision.REQUEST_CHANGES) throw BadUserInputError.field('decision', 'a certification is approved or rejected');
    if (decision === ReviewDecision.REJECT && !reviewNote) throw BadUserInputError.field('note', 'explain the rejection to the organization');
    const to = decision === ReviewDecision.APPROVE ? CertificationStatus.VERIFIED : CertificationStatus.REJECTED;
    return this.transitions.transition(ctx, id, to, (row) => (row.reviewNote = reviewNote));
  }

  /** docs/RULES.md §25: VERIFIED ones for everyone; pending and rejected ones for members and operators. Batched per request. */
  async ofOrganization(ctx: RequestContext, organizationId: string): Promise<SocialEconomyCertification[]> {
    const all = await this.connection.loadMany(ctx, SocialEconomyCertification, 'organization_id', organizationId, (c) => c.organizationId, 'issued_on');
    if (ctx.isOperator || (await this.organizations.roleOf(ctx, organizationId))) return all;
    return all.filter((certification) => certification.status === CertificationStatus.VERIFIED);
  }

  /** Operators' queue, oldest submission first. */
  pending(ctx: RequestContext, first: number | undefined): Promise<SocialEconomyCertification[]> {
    if (!ctx.isOperator) throw new ForbiddenError('Only operators review certifications');
    return this.connection
      .getRepository(ctx, SocialEconomyCertification)
      .find({ where: { status: CertificationStatus.PENDING }, order: { submittedAt: 'ASC', id: 'ASC' }, take: pageSize(first) });
  }

  /**
   * The certification each organization holds on `day` (docs/RULES.md §23, for the priority-purchase
   * report §24): VERIFIED and valid that day, the most recently issued when several are. One statement.
   */
  async validOn(ctx: RequestContext, organizationIds: readonly string[], day: string): Promise<Map<string, SocialEconomyCertification>> {
    const held = await this.validOnEach(
      ctx,
      organizationIds.map((organizationId) => ({ organizationId, day })),
    );
    return new Map(organizationIds.flatMap((organizationId, i) => (held[i] ? [[organizationId, held[i]] as const] : [])));
  }

  /** `validOn` for many (organization, day) pairs at once, in their order (null: none held that day). One statement. */
  async validOnEach(ctx: RequestContext, asked: ReadonlyArray<{ organizationId: string; day: string }>): Promise<Array<SocialEconomyCertification | null>> {
    if (asked.length === 0) return [];
    const rows = await this.connection
      .getRepository(ctx, SocialEconomyCertification)
      .createQueryBuilder('certification')
      .where('certification.organizationId IN (:...organizationIds)', { organizationIds: [...new Set(asked.map((each) => each.organizationId))] })
      .andWhere('certification.status = :verified', { verified: CertificationStatus.VERIFIED })
      .orderBy('certification.issuedOn', 'DESC')
      .addOrderBy('certification.submittedAt', 'DESC')
      .getMany();
    const newestFirst = new Map<string, SocialEconomyCertification[]>();
    for (const row of rows) newestFirst.set(row.organizationId, [...(newestFirst.get(row.organizationId) ?? []), row]);
    return asked.map(({ organizationId, day }) => newestFirst.get(organizationId)?.find((certification) => isValidOn(certification, day)) ?? null);
  }
}
