import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrganizationRole } from './organization-member.entity.js';
import { Organization } from './organization.entity.js';

export enum OrganizationInvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(OrganizationInvitationStatus, {
  name: 'OrganizationInvitationStatus',
  description: 'Whether the invitee has answered.',
  valuesMap: {
    PENDING: { description: 'Not answered yet; can be answered until `expiresAt`.' },
    ACCEPTED: { description: 'The invitee joined.' },
    DECLINED: { description: 'The invitee said no.' },
  },
});

/**
 * An offer to join an organization, made to an e-mail address rather than to an account: whoever signs in
 * with that address sees it on `me` and accepts or declines it, so the inviter never learns whether the
 * address has an account. One pending invitation per organization and address (inviting again renews it).
 */
@ObjectType({ description: 'An offer to an e-mail address to join an organization with a role; seen by the invitee and the inviting side.' })
@Entity('organization_invitation')
@Index('organization_invitation_pending_uq', ['organizationId', 'email'], { unique: true, where: `status = 'PENDING'` })
@Index('organization_invitation_email_idx', ['email'], { where: `status = 'PENDING'` })
@Check('organization_invitation_role_check', `role IN ('OWNER', 'MANAGER', 'STAFF')`)
@Check('organization_invitation_status_check', `status IN ('PENDING', 'ACCEPTED', 'DECLINED')`)
export class OrganizationInvitation {
  @Field(() => ID, { description: 'Pass it to acceptOrganizationInvitation or declineOrganizationInvitation.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field({ description: 'The invited address; whoever signs in with it may answer.' })
  @Column({ type: 'citext' })
  email: string;

  @Field(() => OrganizationRole, { description: 'The role the invitee gets on accepting.' })
  @Column({ type: 'text' })
  role: OrganizationRole;

  @Field(() => OrganizationInvitationStatus, { description: 'Pending, accepted or declined.' })
  @Column({ type: 'text' })
  status: OrganizationInvitationStatus;

  @Field({ description: 'When it was made or last renewed.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A pending invitation can no longer be answered from then on. */
  @Field({ description: 'A pending invitation can no longer be answered from then on (7 days after it was made by default).' })
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the invitee accepted or declined; null while pending.' })
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'organization_invitation_organization_id_fkey' })
  organization?: Relation<Organization>;
}
