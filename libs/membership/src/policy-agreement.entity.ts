import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { PolicyDocument, PolicyKind } from './policy-document.entity.js';

/**
 * A user's agreement to one policy version (for an organization when they acted for one). Kept for good:
 * publishing a later version never touches the agreements to earlier ones (docs/RULES.md §4).
 */
@Entity('policy_agreement')
@Index('policy_agreement_user_idx', ['userId', 'kind'])
@Index('policy_agreement_organization_idx', ['organizationId'], { where: 'organization_id IS NOT NULL' })
export class PolicyAgreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  /** Copied from the policy so the record reads on its own. */
  @Column({ type: 'text' })
  kind: PolicyKind;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'agreed_at', type: 'timestamptz' })
  agreedAt: Date;

  @ManyToOne(() => PolicyDocument)
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'policy_agreement_policy_id_fkey' })
  policy?: Relation<PolicyDocument>;
}
