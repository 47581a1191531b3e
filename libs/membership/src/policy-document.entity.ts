import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export enum PolicyKind {
  OPERATING_PRINCIPLES = 'OPERATING_PRINCIPLES',
  ETHICS_CODE = 'ETHICS_CODE',
  MARKET_CREATOR_TERMS = 'MARKET_CREATOR_TERMS',
}
registerEnumType(PolicyKind, { name: 'PolicyKind' });

/** One published version of a policy. Versions are never edited; a change is a new version. */
@ObjectType('PolicyDocument')
@Entity('policy_document')
@Unique('policy_document_kind_version_uq', ['kind', 'version'])
@Check('policy_document_kind_check', `kind IN ('OPERATING_PRINCIPLES', 'ETHICS_CODE', 'MARKET_CREATOR_TERMS')`)
@Check('policy_document_version_check', `version > 0`)
export class PolicyDocument {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => PolicyKind)
  @Column({ type: 'text' })
  kind: PolicyKind;

  /** 1, 2, 3… per kind. */
  @Field(() => Int)
  @Column({ type: 'integer' })
  version: number;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field()
  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** The operator who published it; null for the defaults the migration seeds. */
  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;
}
