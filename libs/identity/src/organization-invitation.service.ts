import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import {
  BadUserInputError,
  ClockService,
  ConflictError,
  DureConfig,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
  isUniqueViolation,
  normalizeEmail,
} from '../../common/src/index.js';
import { OrganizationInvitationTransitions } from './organization-invitation-transitions.js';
import { OrganizationInvitation, OrganizationInvitationStatus as S } from './organization-invitation.entity.js';
import { OrganizationMember, OrganizationRole, mayManageRole } from './organization-member.entity.js';
import { OrganizationService } from './organization.service.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

const DAY_MS = 24 * 3600_000;

/**
 * Joining an organization takes the invitee's consent: OWNER and MANAGER invite an e-mail address,
 * and whoever is signed in with that address accepts or declines. Inviting never looks the address up,
 * so the answer (and its timing) is the same whether or not it has an account, or is a member already.
 */
@Injectable()
export class OrganizationInvitationService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly transitions: OrganizationInvitationTransitions,
  ) {}

  /** Only an OWNER may invite OWNERs and MANAGERs. Inviting an address again renews its pending invitation. */
  async invite(ctx: RequestContext, organizationId: string, email: string, role: OrganizationRole): Promise<OrganizationInvitation> {
    const callerRole = await this.organizations.requireActingRole(ctx, organizationId);
    if (!mayManageRole(callerRole, role)) throw new ForbiddenError('Only an owner may invite owners and managers');
    const address = normalizeEmail(email);
    if (!isEmail(address)) throw BadUserInputError.field('email', 'must be an email address');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.organizationInvitationTtlDays * DAY_MS);
    const [invitation]: OrganizationInvitation[] = await this.connection.manager(ctx).query(
      `INSERT INTO organization_invitation (organization_id, email, role, status, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, email) WHERE status = 'PENDING'
       DO UPDATE SET role = excluded.role, created_at = excluded.created_at, expires_at = excluded.expires_at
       RETURNING id, organization_id AS "organizationId", email, role, status, created_at AS "createdAt",
                 expires_at AS "expiresAt", responded_at AS "respondedAt"`,
      [organizationId, address, role, S.PENDING, now, expiresAt],
    );
    return Object.assign(new OrganizationInvitation(), invitation);
  }

  /** The invitations the signed-in user can still answer (matched by their e-mail address). */
  async pendingFor(ctx: RequestContext, userId: string): Promise<OrganizationInvitation[]> {
    const user = await this.users.getById(ctx, userId);
    return this.connection
      .getRepository(ctx, OrganizationInvitation)
      .createQueryBuilder('invitation')
      .where('invitation.email = :email AND invitation.status = :pending AND invitation.expiresAt > :now', {
        email: user.email,
        pending: S.PENDING,
        now: this.clock.now(),
      })
      .orderBy('invitation.createdAt', 'DESC')
      .getMany();
  }

  /** The invitee joins with the invited role; CONFLICT when already a member. */
  async accept(ctx: RequestContext, invitationId: string): Promise<OrganizationMember> {
    const invitation = await this.respond(ctx, invitationId, S.ACCEPTED);
    const member = this.connection
      .getRepository(ctx, OrganizationMember)
      .create({ organizationId: invitation.organizationId, userId: ctx.user!.id, role: invitation.role, createdAt: this.clock.now() });
    try {
      await this.connection.getRepository(ctx, OrganizationMember).insert(member);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('You are already a member of this organization');
      throw error;
    }
    return member;
  }

  decline(ctx: RequestContext, invitationId: string): Promise<OrganizationInvitation> {
    return this.respond(ctx, invitationId, S.DECLINED);
  }

  /** Only the invitee may answer (anyone else: NOT_FOUND), while the invitation is pending and unexpired. */
  private async respond(ctx: RequestContext, invitationId: string, to: S): Promise<OrganizationInvitation> {
    if (!ctx.user) throw new UnauthenticatedError();
    const invitation = await this.transitions.lock(ctx, invitationId);
    const user = await this.users.getById(ctx, ctx.user.id);
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) throw new NotFoundError('Organization invitation', invitationId);
    return this.transitions.apply(ctx, invitation, to, (row) => {
      if (row.expiresAt <= this.clock.now()) throw new InvalidStateError('This invitation has expired; ask for a new one');
    });
  }
}

/**
 * `addOrganizationMember` keeps its contract type, a membership: it answers with the membership the
 * invitation offers. Its user is a stand-in for the invitee made from the invitation alone (the
 * invitation's id, the invited address as its name), so nothing in it depends on whether the address
 * has an account; its private fields are FORBIDDEN like any other user's.
 */
export function offeredMembership(invitation: OrganizationInvitation): OrganizationMember {
  return Object.assign(new OrganizationMember(), {
    organizationId: invitation.organizationId,
    userId: invitation.id,
    role: invitation.role,
    createdAt: invitation.createdAt,
    invitation,
  });
}

export function inviteeStandIn(invitation: OrganizationInvitation): User {
  return Object.assign(new User(), {
    id: invitation.id,
    email: invitation.email,
    name: invitation.email,
    phone: null,
    passwordHash: '',
    isOperator: false,
    createdAt: invitation.createdAt,
  });
}
