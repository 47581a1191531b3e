import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountKind, OWNED_ACCOUNT_KINDS } from './account.js';
import { BIGINT_WON } from './amount.js';
import { JournalEntry } from './journal-entry.entity.js';

const sqlList = (kinds: readonly AccountKind[]) => kinds.map((kind) => `'${kind}'`).join(', ');

/**
 * One line of a journal entry. The account is (kind, owner) on the posting itself rather than a row in an
 * accounts table: the chart is fixed in code, per-owner accounts then need no creating (and no race to
 * create them) before their first posting, and a balance is one indexed SUM.
 */
@Entity('posting')
@Index('posting_entry_idx', ['entryId'])
@Index('posting_account_idx', ['account', 'ownerId'])
@Check('posting_amount_nonzero', `amount <> 0`)
@Check('posting_account_check', `account IN (${sqlList(Object.values(AccountKind))})`)
@Check('posting_owner_check', `(owner_id IS NOT NULL) = (account IN (${sqlList(OWNED_ACCOUNT_KINDS)}))`)
export class Posting {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ type: 'text' })
  account: AccountKind;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  /** Signed whole won: debit positive, credit negative; an entry's postings sum to zero. */
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  @ManyToOne(() => JournalEntry, (entry) => entry.postings)
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'posting_entry_id_fkey' })
  entry?: Relation<JournalEntry>;
}
