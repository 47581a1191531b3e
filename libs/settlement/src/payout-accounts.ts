import { Injectable } from '@nestjs/common';
import { BadUserInputError, ClockService, ForbiddenError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { PayoutAccountInput, PayoutAccountView, maskAccountNumber, normalizeAccountNumber } from '../../affiliate/src/index.js';
import { PartnerAgencyService, type PartnerAgency } from '../../membership/src/index.js';
import { PartnerAgencyPayoutAccount } from './payout-account.entity.js';

/** Where partner agencies' settlements are paid (docs/RULES.md §22): set by its OWNER/MANAGER or an operator, read by members and operators (§25). */
@Injectable()
export class PayoutAccounts {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly agencies: PartnerAgencyService,
  ) {}

  async set(ctx: RequestContext, partnerAgencyId: string, input: PayoutAccountInput): Promise<PartnerAgency> {
    const agency = await this.agencies.assertMayActFor(ctx, partnerAgencyId);
    const accountNumber = normalizeAccountNumber(input.accountNumber);
    if (!accountNumber) throw BadUserInputError.field('accountNumber', 'must have 6 to 20 digits');
    await this.connection
      .getRepository(ctx, PartnerAgencyPayoutAccount)
      .upsert({ partnerAgencyId: agency.id, bankCode: input.bankCode, accountNumber, accountHolder: input.accountHolder.trim(), updatedAt: this.clock.now() }, [
        'partnerAgencyId',
      ]);
    return agency;
  }

  /** The account, for its agency's members and operators (others who see the agency: FORBIDDEN); batched per request. */
  async viewOf(ctx: RequestContext, agency: PartnerAgency): Promise<PayoutAccountView | null> {
    if (!ctx.isOperator && !(await this.agencies.memberRole(ctx, agency.id))) {
      throw new ForbiddenError("Only the partner agency's members and operators may see its payout account");
    }
    const account = await this.of(ctx, agency.id);
    return account && { bankCode: account.bankCode, maskedAccountNumber: maskAccountNumber(account.accountNumber), accountHolder: account.accountHolder };
  }

  of(ctx: RequestContext, partnerAgencyId: string): Promise<PartnerAgencyPayoutAccount | null> {
    return this.connection.loadOne(ctx, PartnerAgencyPayoutAccount, 'partner_agency_id', partnerAgencyId, (row) => row.partnerAgencyId);
  }
}
