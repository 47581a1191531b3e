import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum MarketCreatorKind {
  INDIVIDUAL = 'INDIVIDUAL',
  CORPORATE = 'CORPORATE',
  PUBLIC_INTEREST = 'PUBLIC_INTEREST',
  CELEBRITY = 'CELEBRITY',
}
registerEnumType(MarketCreatorKind, {
  name: 'MarketCreatorKind',
  description: 'Who a market creator is; decides review, the organization it acts for and tax withheld from payouts.',
  valuesMap: {
    INDIVIDUAL: { description: 'A person: ACTIVE at once; 3.3 % tax is withheld from payouts.' },
    CORPORATE: { description: 'A company, acting for an organization the applicant is OWNER or MANAGER of; reviewed by operators, nothing withheld.' },
    PUBLIC_INTEREST: {
      description: 'A public-interest body, acting for an organization the applicant is OWNER or MANAGER of; reviewed by operators, nothing withheld.',
    },
    CELEBRITY: { description: 'A well-known person: reviewed by operators; 3.3 % tax is withheld from payouts.' },
  },
});

export enum MarketCreatorStatus {
  PENDING_REVIEW = 'PENDING_REVIEW',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(MarketCreatorStatus, {
  name: 'MarketCreatorStatus',
  description: 'Where a market creator is: PENDING_REVIEW → ACTIVE or REJECTED; ACTIVE ⇄ SUSPENDED by operators.',
  valuesMap: {
    PENDING_REVIEW: { description: "Applied; waiting for an operator's decision." },
    ACTIVE: { description: 'Public: curates a market, shares links and earns commission.' },
    REJECTED: { description: 'Refused by an operator; the user may apply again.' },
    SUSPENDED: { description: 'Stopped by an operator: its market is hidden, its links answer NOT_FOUND and it earns nothing new until reinstated.' },
  },
});

/** These kinds act for an organization (docs/RULES.md §10); the others are a person. */
export const ORGANIZATION_KINDS: readonly MarketCreatorKind[] = [MarketCreatorKind.CORPORATE, MarketCreatorKind.PUBLIC_INTEREST];

/** Approved at once; the other kinds wait for the operator's review. */
export const SELF_APPROVED_KINDS: readonly MarketCreatorKind[] = [MarketCreatorKind.INDIVIDUAL];

/** 3–30 of a-z, 0-9 and '-' (docs/RULES.md §10); the market's address, so it is unique. */
export const HANDLE_PATTERN = /^[a-z0-9-]{3,30}$/;

/**
 * A user (or an organization's representative) who curates a market and earns commission on referred
 * sales. One per user. The payout account is private: only the creator and operators see it, masked.
 */
@ObjectType('MarketCreator', {
  description: 'Someone who curates a market of listings and earns commission on the sales their links bring; public while ACTIVE.',
})
@Entity('market_creator')
@Index('market_creator_user_uq', ['userId'], { unique: true })
@Index('market_creator_handle_uq', ['handle'], { unique: true })
@Index('market_creator_organization_idx', ['organizationId'], { where: 'organization_id IS NOT NULL' })
@Check('market_creator_kind_check', `kind IN ('INDIVIDUAL', 'CORPORATE', 'PUBLIC_INTEREST', 'CELEBRITY')`)
@Check('market_creator_status_check', `status IN ('PENDING_REVIEW', 'ACTIVE', 'REJECTED', 'SUSPENDED')`)
@Check('market_creator_handle_check', `handle ~ '^[a-z0-9-]{3,30}$'`)
@Check('market_creator_organization_check', `(kind IN ('CORPORATE', 'PUBLIC_INTEREST')) = (organization_id IS NOT NULL)`)
export class MarketCreator {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The organization a CORPORATE or PUBLIC_INTEREST market creator acts for. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Field(() => MarketCreatorKind, { description: 'Individual, corporate, public-interest or celebrity.' })
  @Column({ type: 'text' })
  kind: MarketCreatorKind;

  @Field({ description: "The market's address, unique: 3–30 of a-z, 0-9 and -; look it up with market(handle)." })
  @Column({ type: 'text' })
  handle: string;

  @Field({ description: 'Name shown on the market, 1–50 visible characters.' })
  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Field(() => String, { nullable: true, description: 'Introduction shown on the market, up to 2000 characters; null when none.' })
  @Column({ type: 'text', nullable: true })
  bio: string | null;

  @Field(() => MarketCreatorStatus, { description: 'Pending review, active, rejected or suspended.' })
  @Column({ type: 'text' })
  status: MarketCreatorStatus;

  /** Korean bank code (e.g. 004), account number digits only, and the holder's name. */
  @Column({ name: 'payout_bank_code', type: 'text' })
  payoutBankCode: string;

  @Column({ name: 'payout_account_number', type: 'text' })
  payoutAccountNumber: string;

  @Column({ name: 'payout_account_holder', type: 'text' })
  payoutAccountHolder: string;

  /** The operator's note with the last review, suspension or reinstatement. */
  @Column({ name: 'status_note', type: 'text', nullable: true })
  statusNote: string | null;

  @Field({ description: 'When the user first applied.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
