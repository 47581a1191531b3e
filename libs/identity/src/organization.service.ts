import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import {
  BadUserInputError,
  ClockService,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
  isUniqueViolation,
  isUuid,
} from '../../common/src/index.js';
import { normalizeBusinessRegistrationNumber } from './business-registration-number.js';
import type { CreateOrganizationInput } from './dto/organization.inputs.js';
import { ACTING_ROLES, OrganizationMember, OrganizationRole } from './organization-member.entity.js';
import { Organization, type OrganizationKind } from './organization.entity.js';
import { UserService } from './user.service.js';

export interface OrganizationFilter {
  kind?: OrganizationKind;
  nameContains?: string;
}

@Injectable()
export class OrganizationService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly users: UserService,
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

  /**
   * OWNER and MANAGER add members; only an OWNER may add another OWNER or a MANAGER.
   * Outsiders learn nothing about the organization's members (NOT_FOUND).
   */
  async addMember(ctx: RequestContext, organizationId: string, email: string, role: OrganizationRole): Promise<OrganizationMember> {
    const callerRole = await this.requireActingRole(ctx, organizationId);
    if (role !== OrganizationRole.STAFF && callerRole !== OrganizationRole.OWNER) {
      throw new ForbiddenError('Only an owner may add owners and managers');
    }
    const user = await this.users.findByEmail(ctx, email);
    if (!user) throw new NotFoundError('User with this email');
    const member = this.connection
      .getRepository(ctx, OrganizationMember)
      .create({ organizationId, userId: user.id, role, createdAt: this.clock.now() });
    try {
      await this.connection.getRepository(ctx, OrganizationMember).insert(member);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('This user is already a member of the organization');
      throw error;
    }
    return member;
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
