import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DateScalar } from '../../common/src/index.js';
import { Organization, OrganizationKind } from '../../identity/src/index.js';

export enum CertificationStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}
registerEnumType(CertificationStatus, {
  name: 'CertificationStatus',
  description: 'PENDING → VERIFIED or REJECTED by an operator.',
  valuesMap: {
    PENDING: { description: 'Submitted; waiting for an operator.' },
    VERIFIED: { description: 'An operator checked it against the authority’s record; public.' },
    REJECTED: { description: 'An operator refused it; `reviewNote` says why.' },
  },
});

/**
 * An organization's social-economy status as the authority certified it (docs/RULES.md §23). Several may
 * exist (예비사회적기업, then 사회적기업); which one counts on a day is `CertificationService.validOn`.
 */
@ObjectType({
  description:
    'An organization’s social-economy status as certified by the authority (사회적기업 인증, 예비사회적기업 지정, 협동조합 설립신고, 사회적협동조합 인가, 마을기업 지정, 자활기업 인정, 소셜벤처 확인), checked by an operator. The priority-purchase report counts a purchase as certified only under a VERIFIED one valid that day.',
})
@Entity('social_economy_certification')
@Index('social_economy_certification_organization_idx', ['organizationId', 'issuedOn'])
@Index('social_economy_certification_pending_idx', ['submittedAt'], { where: `status = 'PENDING'` })
@Check('social_economy_certification_status_check', `status IN ('PENDING', 'VERIFIED', 'REJECTED')`)
@Check('social_economy_certification_kind_check', `kind NOT IN ('PUBLIC_INSTITUTION', 'COMPANY')`)
@Check('social_economy_certification_number_check', 'length(certificate_number) BETWEEN 1 AND 40')
@Check('social_economy_certification_validity_check', 'valid_until IS NULL OR valid_until >= issued_on')
export class SocialEconomyCertification {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => OrganizationKind, { description: 'The social-economy kind certified; never PUBLIC_INSTITUTION or COMPANY.' })
  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Field({ description: 'The number on the certificate (1–40 characters).' })
  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber: string;

  @Field(() => DateScalar, { description: 'The day the authority issued it; not after the day it was submitted.' })
  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Its last valid day. Null = no expiry.' })
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Field(() => CertificationStatus, { description: 'PENDING until an operator verifies or rejects it.' })
  @Column({ type: 'text' })
  status: CertificationStatus;

  @Field(() => String, { nullable: true, description: 'The operator’s note; always set on a rejection.' })
  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  @Field({ description: 'When the organization submitted it.' })
  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When an operator decided; null while PENDING.' })
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'social_economy_certification_organization_id_fkey' })
  organization?: Relation<Organization>;
}

/** docs/RULES.md §23: VERIFIED and `issuedOn` ≤ day ≤ `validUntil` (no end when null). */
export function isValidOn(certification: SocialEconomyCertification, day: string): boolean {
  return (
    certification.status === CertificationStatus.VERIFIED &&
    certification.issuedOn <= day &&
    (certification.validUntil === null || day <= certification.validUntil)
  );
}
