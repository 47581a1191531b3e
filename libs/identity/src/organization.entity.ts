import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum OrganizationKind {
  COOPERATIVE = 'COOPERATIVE',
  SOCIAL_COOPERATIVE = 'SOCIAL_COOPERATIVE',
  SOCIAL_ENTERPRISE = 'SOCIAL_ENTERPRISE',
  PRE_SOCIAL_ENTERPRISE = 'PRE_SOCIAL_ENTERPRISE',
  VILLAGE_ENTERPRISE = 'VILLAGE_ENTERPRISE',
  SELF_SUFFICIENCY_ENTERPRISE = 'SELF_SUFFICIENCY_ENTERPRISE',
  SOCIAL_VENTURE = 'SOCIAL_VENTURE',
  NONPROFIT = 'NONPROFIT',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  COMPANY = 'COMPANY',
}
registerEnumType(OrganizationKind, { name: 'OrganizationKind' });

/** docs/RULES.md §1: every kind but public institutions and ordinary companies belongs to the social economy. */
export function isSocialEconomyKind(kind: OrganizationKind): boolean {
  return kind !== OrganizationKind.PUBLIC_INSTITUTION && kind !== OrganizationKind.COMPANY;
}

/**
 * A legal body with a business registration number; buyers, partner agencies and market creators act for one.
 * Anyone may claim a number, so it is exclusive only once an operator has verified the organization.
 */
@ObjectType()
@Entity('organization')
@Check('organization_brn_digits', `business_registration_number ~ '^[0-9]{10}$'`)
@Index('organization_brn_idx', ['businessRegistrationNumber'])
@Index('organization_verified_brn_uq', ['businessRegistrationNumber'], { unique: true, where: 'verified_at IS NOT NULL' })
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => OrganizationKind)
  @Column({ type: 'text' })
  kind: OrganizationKind;

  /** Ten digits, no dashes. */
  @Field()
  @Column({ name: 'business_registration_number', type: 'char', length: 10 })
  businessRegistrationNumber: string;

  @Field()
  @Column({ name: 'representative_name', type: 'text' })
  representativeName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When an operator verified it (approving its partner agency); from then on its number is its own. */
  @Field(() => Date, { nullable: true })
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Field()
  get isSocialEconomy(): boolean {
    return isSocialEconomyKind(this.kind);
  }
}
