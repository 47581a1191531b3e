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
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'The legal form an organization declares; all but PUBLIC_INSTITUTION and COMPANY are social economy.',
  valuesMap: {
    COOPERATIVE: { description: '협동조합, under the Framework Act on Cooperatives.' },
    SOCIAL_COOPERATIVE: { description: '사회적협동조합, a non-profit cooperative.' },
    SOCIAL_ENTERPRISE: { description: '인증 사회적기업, certified under the Social Enterprise Promotion Act.' },
    PRE_SOCIAL_ENTERPRISE: { description: '예비사회적기업, designated on the way to certification.' },
    VILLAGE_ENTERPRISE: { description: '마을기업, a community business designated by the Ministry of the Interior.' },
    SELF_SUFFICIENCY_ENTERPRISE: { description: '자활기업, a self-sufficiency enterprise of low-income earners.' },
    SOCIAL_VENTURE: { description: '소셜벤처, a venture solving a social problem.' },
    NONPROFIT: { description: 'A non-profit corporation or association (비영리법인·단체).' },
    PUBLIC_INSTITUTION: { description: 'A public body (공공기관); buys from the social economy but is not part of it.' },
    COMPANY: { description: 'An ordinary company, outside the social economy.' },
  },
});

/** docs/RULES.md §1: every kind but public institutions and ordinary companies belongs to the social economy. */
export function isSocialEconomyKind(kind: OrganizationKind): boolean {
  return kind !== OrganizationKind.PUBLIC_INSTITUTION && kind !== OrganizationKind.COMPANY;
}

/**
 * A legal body with a business registration number; buyers, partner agencies and market creators act for one.
 * Anyone may claim a number, so it is exclusive only once an operator has verified the organization.
 */
@ObjectType({ description: 'A legal body with a business registration number, for which members buy, sell or curate. Public.' })
@Entity('organization')
@Check('organization_brn_digits', `business_registration_number ~ '^[0-9]{10}$'`)
@Index('organization_brn_idx', ['businessRegistrationNumber'])
@Index('organization_verified_brn_uq', ['businessRegistrationNumber'], { unique: true, where: 'verified_at IS NOT NULL' })
export class Organization {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Registered name, normalized.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => OrganizationKind, { description: 'Legal form, as declared by its creator.' })
  @Column({ type: 'text' })
  kind: OrganizationKind;

  /** Ten digits, no dashes. */
  @Field({ description: '사업자등록번호 as 10 digits without dashes; exclusive once the organization is verified.' })
  @Column({ name: 'business_registration_number', type: 'char', length: 10 })
  businessRegistrationNumber: string;

  @Field({ description: 'The representative (대표자) as registered.' })
  @Column({ name: 'representative_name', type: 'text' })
  representativeName: string;

  @Field(() => String, { nullable: true, description: 'Registered address, if given.' })
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Field({ description: 'When it was created on Dure.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When an operator verified it (approving its partner agency); from then on its number is its own. */
  @Field(() => Date, { nullable: true, description: 'When an operator verified it (approving its partner-agency application); null until then.' })
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Field({ description: 'Whether its kind belongs to the social economy (every kind but PUBLIC_INSTITUTION and COMPANY).' })
  get isSocialEconomy(): boolean {
    return isSocialEconomyKind(this.kind);
  }
}
