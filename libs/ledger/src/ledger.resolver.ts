import { Args, Field, ID, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { BadUserInputError, Ctx, OperatorOnly, RequestContext, SignedMoneyScalar, isUuid } from '../../common/src/index.js';
import { AccountKind, OWNED_ACCOUNT_KINDS, account, normalSide, type NormalSide } from './account.js';
import { LedgerService, type AccountBalance } from './ledger.service.js';

registerEnumType(AccountKind, {
  name: 'LedgerAccountKind',
  description: "An account of the platform's double-entry ledger; PARTNER_AGENCY_PAYABLE and MARKET_CREATOR_PAYABLE are kept per owner.",
  valuesMap: {
    PROVIDER_CLEARING: { description: 'Money the payment provider captured for us and holds or will settle (an asset, debit-normal).' },
    CASH_PAID_OUT: { description: 'Money that left the platform by bank transfer: payouts and remitted tax.' },
    PLATFORM_REVENUE_FEES: { description: "The platform's fee on each sale." },
    PLATFORM_REVENUE_DUES: { description: 'Membership dues.' },
    PARTNER_AGENCY_PAYABLE: { description: 'What the platform owes one partner agency (owner: the agency).' },
    MARKET_CREATOR_PAYABLE: { description: 'Commission owed to one market creator (owner: the market creator).' },
    WITHHOLDING_TAX_PAYABLE: { description: 'Tax withheld from payouts, owed to the tax office.' },
    REFUNDS: { description: 'Refunds granted to buyers until the provider has returned the money.' },
    PLATFORM_PROMOTIONS: { description: 'Platform-funded coupon discounts the platform pays (an expense, debit-normal).' },
  },
});

/** The side on which an account grows (NormalSide, as a GraphQL enum). */
export enum LedgerSide {
  DEBIT = 'DEBIT',
  CREDIT = 'CREDIT',
}
registerEnumType(LedgerSide, {
  name: 'LedgerSide',
  description: 'The side of a double-entry posting.',
  valuesMap: {
    DEBIT: { description: 'Left side: grows assets such as PROVIDER_CLEARING.' },
    CREDIT: { description: 'Right side: grows what is owed and revenue.' },
  },
});

@ObjectType({ description: 'One account of the ledger and what it holds (operators).' })
export class LedgerAccountBalance {
  @Field(() => AccountKind, { description: 'Which account of the chart.' })
  kind: AccountKind;

  @Field(() => ID, { nullable: true, description: 'The partner agency or market creator of a per-owner account; null for the others.' })
  ownerId: string | null;

  @Field(() => String, { description: '`KIND` or `KIND:ownerId`, as in logs and reports.' })
  code: string;

  @Field(() => LedgerSide, { description: 'The side on which this account grows.' })
  normalSide: NormalSide;

  @Field(() => SignedMoneyScalar, { description: 'Sum of the postings, debits positive.' })
  net: number;

  @Field(() => SignedMoneyScalar, { description: 'The balance on the normal side: what an agency is owed, what fees earned, reads positive.' })
  balance: number;
}

@ObjectType({ description: 'Every account with postings and the sum of all postings (operators).' })
export class LedgerTrialBalance {
  @Field(() => [LedgerAccountBalance], { description: 'Ordered by kind, then owner.' })
  accounts: LedgerAccountBalance[];

  @Field(() => SignedMoneyScalar, { description: 'Sum of every posting: zero, or the books are broken.' })
  total: number;

  @Field(() => Boolean, { description: 'Whether `total` is zero.' })
  balanced: boolean;
}

function accountBalanceView(row: AccountBalance): LedgerAccountBalance {
  return { kind: row.account.kind, ownerId: row.account.ownerId, code: row.code, normalSide: normalSide(row.account.kind), net: row.net, balance: row.balance };
}

/** Support staff read the books here instead of in psql. */
@Resolver()
export class LedgerResolver {
  constructor(private readonly ledger: LedgerService) {}

  @OperatorOnly()
  @Query(() => LedgerTrialBalance, { description: "The ledger's trial balance: every account's balance and their sum (operators)." })
  async ledgerTrialBalance(@Ctx() ctx: RequestContext): Promise<LedgerTrialBalance> {
    const { accounts, total } = await this.ledger.trialBalance(ctx);
    return { accounts: accounts.map(accountBalanceView), total, balanced: total === 0 };
  }

  @OperatorOnly()
  @Query(() => LedgerAccountBalance, { description: "One account's balance (operators); an account without postings reads 0." })
  async ledgerAccountBalance(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => AccountKind, description: 'The account; per-owner kinds also need `ownerId`.' }) kind: AccountKind,
    @Args('ownerId', {
      type: () => ID,
      nullable: true,
      description: 'The partner agency or market creator: required for per-owner kinds, absent for the others (else BAD_USER_INPUT).',
    })
    ownerId?: string | null,
  ): Promise<LedgerAccountBalance> {
    const owned = OWNED_ACCOUNT_KINDS.includes(kind);
    if (owned && (!ownerId || !isUuid(ownerId))) throw BadUserInputError.field('ownerId', `is required for ${kind}: the id of its owner`);
    if (!owned && ownerId) throw BadUserInputError.field('ownerId', `must be absent: ${kind} has no owner`);
    return accountBalanceView(await this.ledger.accountBalance(ctx, account(kind, owned ? ownerId! : null)));
  }
}
