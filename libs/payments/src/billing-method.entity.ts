import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** The customer key a user's billing keys are issued under (Toss `customerKey`): random, kept per user (identity's user; no foreign key across libraries). */
@Entity('billing_customer')
@Index('billing_customer_customer_key_uq', ['customerKey'], { unique: true })
export class BillingCustomer {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'customer_key', type: 'text' })
  customerKey: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** What a client passes to Toss `requestBillingAuth`. */
@ObjectType('BillingAuthRequest', { description: 'What the client passes to Toss requestBillingAuth as customerKey: random, stable per user.' })
export class BillingAuthRequest {
  @Field({ description: "The caller's customer key: random (never an email or a sequence) and the same on every call." })
  customerKey: string;
}

/**
 * A card registered for automatic payments (docs/RULES.md §20). The provider's billing key is kept
 * sealed (BillingKeyCipher) and never leaves this library; a removed method keeps its row for the
 * subscriptions and payments that name it, without its key.
 */
@ObjectType('BillingMethod', { description: "A card registered for automatic payments (자동결제). The provider's billing key is never exposed." })
@Entity('billing_method')
@Index('billing_method_user_idx', ['userId', 'createdAt'])
@Index('billing_method_auth_key_uq', ['userId', 'authKeyDigest'], { unique: true, where: 'removed_at IS NULL' })
@Check('billing_method_key_check', '(removed_at IS NULL) = (sealed_billing_key IS NOT NULL)')
export class BillingMethod {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => BillingCustomer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'billing_method_user_id_fkey' })
  customer?: Relation<BillingCustomer>;

  @Field({ description: 'The payment provider that issued the billing key: `toss`, or `simulated`.' })
  @Column({ type: 'text' })
  provider: string;

  @Column({ name: 'customer_key', type: 'text' })
  customerKey: string;

  /** SHA-256 of the authKey it was issued from: the same authKey again answers this method. */
  @Column({ name: 'auth_key_digest', type: 'text' })
  authKeyDigest: string;

  /** The billing key, sealed; null once removed. */
  @Column({ name: 'sealed_billing_key', type: 'text', nullable: true })
  sealedBillingKey: string | null;

  @Field(() => String, { nullable: true, description: 'Masked card number as the provider returns it.' })
  @Column({ name: 'card_summary', type: 'text', nullable: true })
  cardSummary: string | null;

  @Field({ description: 'False once the provider refused the billing key as unknown or revoked.' })
  @Column({ type: 'boolean' })
  usable: boolean;

  @Field(() => Date, { description: 'When it was registered.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
