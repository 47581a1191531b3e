import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import {
  BadUserInputError,
  ClockService,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
  isUniqueViolation,
  isUuid,
} from '../../common/src/index.js';
import { normalizeBusinessRegistrationNumber } from './business-registration-number.js';
import type { CreateOrganizationInput } from './dto/organization.inputs.js';
import { ACTING_ROLES, OrganizationMember, OrganizationRole, mayManageRole } from './organization-member.entity.js';
import { Organization, type OrganizationKind } from './organization.entity.js';

export interface OrganizationFilter {
  kind?: OrganizationKind;
  nameContains?: string;
}

@Injectable()
export class OrganizationService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /**
   * The creator becomes its OWNER. A number may be claimed by several unverified organizations (the
   * operator sees them flagged), but not once an organization holding it has been verified.
   */
  async create(ctx: RequestContext, input: CreateOrganizationInput): Promise<Organization> {
    if (!ctx.user) throw new UnauthenticatedError();
    const number = normalizeBusinessRegistrationNumber(input.businessRegistrationNumber);
    if (!number) throw BadUserInputError.field('businessRegistrationNumber', 'is not a valid business registration number');
    const repo = this.connection.getRepository(ctx, Organization);
    if (await repo.exists({ where: { businessRegistrationNumber: number, verifiedAt: Not(IsNull()) } })) {
      throw new ConflictError('A verified organization holds this business registration number');
    }
    const now = this.clock.now();
    const organization = await repo.save(
      repo.create({
        name: input.name.trim(),
        kind: input.kind,
        businessRegistrationNumber: number,
        representativeName: input.representativeName.trim(),
        address: input.address?.trim() || null,
        createdAt: now,
        verifiedAt: null,
      }),
    );
    await this.connection
      .getRepository(ctx, OrganizationMember)
      .insert({ organizationId: organization.id, userId: ctx.user.id, role: OrganizationRole.OWNER, createdAt: now });
    return organization;
  }

  /**
   * For the operator's verification (partner-agency approval; certification later): from now on the
   * number belongs to this organization. Verifying again changes nothing; a number another organization
   * was verified for is a CONFLICT (the partial unique index decides, so concurrent approvals cannot both pass).
   */
  async markVerified(ctx: RequestContext, organizationId: string): Promise<void> {
    try {
      await this.connection
        .getRepository(ctx, Organization)
        .createQueryBuilder()
        .update()
        .set({ verifiedAt: this.clock.now() })
        .where('id = :organizationId AND verified_at IS NULL', { organizationId })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('Another organization with this business registration number is already verified');
      throw error;
    }
  }

  /** Whether another organization claims the same number (operators only; batched per request). */
  async hasDuplicateRegistrationNumber(ctx: RequestContext, organization: Organization): Promise<boolean> {
    if (!ctx.isOperator) throw new ForbiddenError('Only operators see duplicate registration numbers');
    const counts = ctx.loader<string, number>('organization.brn-count', async (numbers) => {
      const rows = await this.connection
        .getRepository(ctx, Organization)
        .createQueryBuilder('organization')
        .select('organization.businessRegistrationNumber', 'number')
        .addSelect('count(*)::int', 'count')
        .where('organization.businessRegistrationNumber IN (:...numbers)', { numbers: [...numbers] })
        .groupBy('organization.businessRegistrationNumber')
        .getRawMany<{ number: string; count: number }>();
      const byNumber = new Map(rows.map((row) => [row.number, row.count]));
      return numbers.map((number) => byNumber.get(number) ?? 0);
    });
    return (await counts.load(organization.businessRegistrationNumber)) > 1;
  }

  /** The caller leaves the organization: `removeMember` of themself. */
  async leave(ctx: RequestContext, organizationId: string): Promise<boolean> {
    await this.removeMember(ctx, organizationId, ctx.requireUser().id);
    return true;
  }

  /**
   * Ends a membership (docs/RULES.md §3a): the member themself, an OWNER anyone, a MANAGER STAFF. The last
   * OWNER cannot go (INVALID_STATE): someone must be able to act for the organization. Roles are read under
   * a lock on the organization row, so concurrent removals of its last two OWNERs cannot both pass. Rows
   * naming the user as the author of past actions stay; the organization's pending invitations stay valid.
   */
  async removeMember(ctx: RequestContext, organizationId: string, userId: string): Promise<Organization> {
    const caller = ctx.requireUser();
    const organization = await this.connection.lock(ctx, Organization, organizationId, 'Organization');
    if (!isUuid(userId)) throw new NotFoundError('Organization member', userId);
    // Read past the request's loaders, which may predate the lock.
    const members = this.connection.getRepository(ctx, OrganizationMember);
    const rows = await members.findBy({ organizationId, userId: In([caller.id, userId]) });
    const callerRole = rows.find((row) => row.userId === caller.id)?.role;
    const memberRole = rows.find((row) => row.userId === userId)?.role;
    if (!callerRole) throw new NotFoundError('Organization', organizationId);
    if (!memberRole) throw new NotFoundError('Organization member', userId);
    if (userId !== caller.id && !mayManageRole(callerRole, memberRole)) {
      throw new ForbiddenError('An owner may remove anyone, a manager only staff');
    }
    if (memberRole === OrganizationRole.OWNER && (await members.countBy({ organizationId, role: OrganizationRole.OWNER })) === 1) {
      throw new InvalidStateError('The last owner cannot leave; invite another owner first');
    }
    await members.delete({ organizationId, userId });
    // Memberships this request loaded before (an earlier mutation of the same document) no longer hold.
    ctx.forgetLoaded();
    return organization;
  }

  load(ctx: RequestContext, id: string): Promise<Organization | null> {
    return this.connection.loadOne(ctx, Organization, 'id', id, (o) => o.id);
  }

  /**
   * Ids of the organizations of `kind` whose name contains `nameContains` (any case): how other libraries
   * filter their own rows by organization without reading identity's tables.
   */
  async idsMatching(ctx: RequestContext, filter: OrganizationFilter): Promise<string[]> {
    const query = this.connection.getRepository(ctx, Organization).createQueryBuilder('organization').select('organization.id', 'id');
    if (filter.kind) query.andWhere('organization.kind = :kind', { kind: filter.kind });
    if (filter.nameContains) query.andWhere(`organization.name ILIKE :pattern ESCAPE '\\'`, { pattern: `%${filter.nameContains.replace(/[\\%_]/g, '\\$&')}%` });
    const rows = await query.getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async getById(ctx: RequestContext, id: string): Promise<Organization> {
    const organization = isUuid(id) ? await this.load(ctx, id) : null;
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }

  /** The caller's role in the organization, or null; batched per request. */
  async roleOf(ctx: RequestContext, organizationId: string): Promise<OrganizationRole | null> {
    if (!ctx.user || !isUuid(organizationId)) return null;
    const memberships = await this.membershipsOfUser(ctx, ctx.user.id);
    return memberships.find((m) => m.organizationId === organizationId)?.role ?? null;
  }

  /**
   * For operations on behalf of the organization: the caller must be its OWNER or MANAGER.
   * Non-members get NOT_FOUND (no existence leak), STAFF get FORBIDDEN.
   */
  async requireActingRole(ctx: RequestContext, organizationId: string): Promise<OrganizationRole> {
    const role = await this.roleOf(ctx, organizationId);
    if (!role) throw new NotFoundError('Organization', organizationId);
    if (!ACTING_ROLES.includes(role)) throw new ForbiddenError('Only owners and managers may act for the organization');
    return role;
  }

  async assertMayReadMembers(ctx: RequestContext, organizationId: string): Promise<void> {
    if (ctx.isOperator || (await this.roleOf(ctx, organizationId))) return;
    throw new ForbiddenError('Only members and operators may see the members');
  }

  membershipsOfUser(ctx: RequestContext, userId: string): Promise<OrganizationMember[]> {
    return this.connection.loadMany(ctx, OrganizationMember, 'user_id', userId, (m) => m.userId, 'created_at');
  }

  membersOfOrganization(ctx: RequestContext, organizationId: string): Promise<OrganizationMember[]> {
    return this.connection.loadMany(ctx, OrganizationMember, 'organization_id', organizationId, (m) => m.organizationId, 'created_at');
  }
}
