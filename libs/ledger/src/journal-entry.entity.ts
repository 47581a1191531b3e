import { Column, Entity, Index, OneToMany, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Posting } from './posting.entity.js';

/** The business events that move money. Stored as text: a new kind needs no migration. */
export enum JournalEntryKind {
  PAYMENT_CAPTURED = 'PAYMENT_CAPTURED',
  /** A refund granted: the sale is reversed and the money is owed to the buyer (REFUNDS). */
  REFUND = 'REFUND',
  /** The provider returned a refund to the buyer. */
  REFUND_SETTLED = 'REFUND_SETTLED',
  DUES_PAID = 'DUES_PAID',
  COMMISSION_APPROVED = 'COMMISSION_APPROVED',
  COMMISSION_REVERSED = 'COMMISSION_REVERSED',
  PAYOUT_PAID = 'PAYOUT_PAID',
}

/**
 * One balanced money movement, written in the same transaction as the change that caused it. Entries are
 * never updated or deleted (a database trigger refuses it); a correction is another entry.
 */
@Entity('journal_entry')
@Index('journal_entry_reference_idx', ['referenceType', 'referenceId'])
@Unique('journal_entry_idempotency_key_uq', ['idempotencyKey'])
export class JournalEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: JournalEntryKind;

  /** What caused it, e.g. ('payment', paymentId). */
  @Column({ name: 'reference_type', type: 'text' })
  referenceType: string;

  @Column({ name: 'reference_id', type: 'text' })
  referenceId: string;

  /** Posting again with the same key returns this entry instead of writing a second one. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => Posting, (posting) => posting.entry)
  postings: Relation<Posting[]>;
}
