import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a partner agency's settlements are paid (docs/RULES.md §22, §25): one per agency, the number as digits. */
@Entity('partner_agency_payout_account')
export class PartnerAgencyPayoutAccount {
  @PrimaryColumn({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Column({ name: 'bank_code', type: 'text' })
  bankCode: string;

  @Column({ name: 'account_number', type: 'text' })
  accountNumber: string;

  @Column({ name: 'account_holder', type: 'text' })
  accountHolder: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
