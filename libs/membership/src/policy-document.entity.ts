import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export enum PolicyKind {
  OPERATING_PRINCIPLES = 'OPERATING_PRINCIPLES',
  ETHICS_CODE = 'ETHICS_CODE',
  MARKET_CREATOR_TERMS = 'MARKET_CREATOR_TERMS',
}
registerEnumType(PolicyKind, {
  name: 'PolicyKind',
  description: 'A policy users agree to, versioned.',
  valuesMap: {
    OPERATING_PRINCIPLES: { description: "The platform's operating principles; partner agencies agree when applying." },
    ETHICS_CODE: { description: 'The code of ethics; partner agencies agree when applying.' },
    MARKET_CREATOR_TERMS: { description: 'The terms market creators agree to when applying.' },
  },
});

/** One published version of a policy. Versions are never edited; a change is a new version. */
@ObjectType('PolicyDocument', { description: 'One published version of a policy; never edited, a change is a new version. Public.' })
@Entity('policy_document')
@Unique('policy_document_kind_version_uq', ['kind', 'version'])
@Check('policy_document_kind_check', `kind IN ('OPERATING_PRINCIPLES', 'ETHICS_CODE', 'MARKET_CREATOR_TERMS')`)
@Check('policy_document_version_check', `version > 0`)
export class PolicyDocument {
  @Field(() => ID, { description: 'Name it in `agreedPolicyIds` to agree to this version.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => PolicyKind, { description: 'Which policy this is a version of.' })
  @Column({ type: 'text' })
  kind: PolicyKind;

  /** 1, 2, 3… per kind. */
  @Field(() => Int, { description: '1, 2, 3… per kind; the highest is current.' })
  @Column({ type: 'integer' })
  version: number;

  @Field({ description: 'Title of this version.' })
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'Full text of this version.' })
  @Column({ type: 'text' })
  body: string;

  @Field({ description: 'When this version was published.' })
  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** The operator who published it; null for the defaults the migration seeds. */
  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;
}
