import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { OrganizationInvitation } from './organization-invitation.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

export enum OrganizationRole {
  OWNER = 'OWNER',
  MANAGER = 'MANAGER',
  STAFF = 'STAFF',
}
registerEnumType(OrganizationRole, {
  name: 'OrganizationRole',
  description: 'What a member may do for an organization.',
  valuesMap: {
    OWNER: { description: 'Acts for the organization and alone invites OWNERs and MANAGERs; its creator starts as one.' },
    MANAGER: { description: 'Acts for the organization: applies, publishes, offers, cancels, pays dues, invites STAFF.' },
    STAFF: { description: 'Reads what members read, never acts.' },
  },
});

/** OWNER and MANAGER act for the organization; STAFF may only read (docs/RULES.md §1). */
export const ACTING_ROLES: readonly OrganizationRole[] = [OrganizationRole.OWNER, OrganizationRole.MANAGER];

/**
 * Whom a member may invite, and remove besides themself (docs/RULES.md §3a): an OWNER any role, a MANAGER
 * only STAFF, STAFF nobody.
 */
export function mayManageRole(caller: OrganizationRole, member: OrganizationRole): boolean {
  return caller === OrganizationRole.OWNER || (caller === OrganizationRole.MANAGER && member === OrganizationRole.STAFF);
}

@ObjectType('OrganizationMembership', { description: "A user's role in an organization (seen by its members, the user and operators)." })
@Entity('organization_member')
@Index('organization_member_user_idx', ['userId'])
@Check('organization_member_role_check', `role IN ('OWNER', 'MANAGER', 'STAFF')`)
export class OrganizationMember {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Field(() => OrganizationRole, { description: 'What the member may do.' })
  @Column({ type: 'text' })
  role: OrganizationRole;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'organization_member_organization_id_fkey' })
  organization?: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'organization_member_user_id_fkey' })
  user?: Relation<User>;

  /** Set only on `addOrganizationMember`'s answer: the membership offered, not yet accepted. */
  invitation?: OrganizationInvitation;
}
