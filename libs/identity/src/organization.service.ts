import { Injectable } from '@nestjs/common';
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

  /** The creator becomes its OWNER. One organization per registration number (docs/RULES.md §3). */
  async create(ctx: RequestContext, input: CreateOrganizationInput): Promise<Organization> {
    if (!ctx.user) throw new UnauthenticatedError();
    const number = normalizeBusinessRegistrationNumber(input.businessRegistrationNumber);
    if (!number) throw BadUserInputError.field('businessRegistrationNumber', 'is not a valid business registration number');
    const repo = this.connection.getRepository(ctx, Organization);
    const now = this.clock.now();
    let organization: Organization;
    try {
      organization = await repo.save(
        repo.create({
          name: input.name.trim(),
          kind: input.kind,
          businessRegistrationNumber: number,
          representativeName: input.representativeName.trim(),
          address: input.address?.trim() || null,
          createdAt: now,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('An organization with this business registration number already exists');
      throw error;
    }
    await this.connection
      .getRepository(ctx, OrganizationMember)
      .insert({ organizationId: organization.id, userId: ctx.user.id, role: OrganizationRole.OWNER, createdAt: now });
    return organization;
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
