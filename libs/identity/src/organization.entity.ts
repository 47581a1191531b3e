import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

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

/** A legal body with a business registration number; buyers, partner agencies and market creators act for one. */
@ObjectType()
@Entity('organization')
@Check('organization_brn_digits', `business_registration_number ~ '^[0-9]{10}$'`)
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
  @Column({ name: 'business_registration_number', type: 'char', length: 10, unique: true })
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

  @Field()
  get isSocialEconomy(): boolean {
    return isSocialEconomyKind(this.kind);
  }
}
