import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  contextOf,
  Connection,
  Ctx,
  OperatorOnly,
  PageArgs,
  RequestContext,
  SignedMoneyScalar,
  type GraphQLContext,
  type Page,
} from '../../common/src/index.js';
import { PayoutAccountInput, PayoutAccountView } from '../../affiliate/src/index.js';
import { Reservation, ReservationService } from '../../booking/src/index.js';
import { Order, OrderLine, OrderReads } from '../../commerce/src/index.js';
import { PartnerAgency, PartnerAgencyService } from '../../membership/src/index.js';
import { SettlementStatementListArgs } from './dto/settlement.args.js';
import { PayoutAccounts } from './payout-accounts.js';
import { SettlementLine } from './settlement-line.entity.js';
import { SettlementStatement } from './settlement-statement.entity.js';
import { SettlementService } from './settlement.service.js';

@ObjectType('SettlementStatementConnection', { description: 'A page of SettlementStatement (Relay connection, RULES §6 paging), newest month first.' })
export class SettlementStatementConnection extends Connection('SettlementStatement', SettlementStatement) {}

@ObjectType('SettlementLineConnection', { description: 'A page of SettlementLine (Relay connection, RULES §6 paging), in time order.' })
export class SettlementLineConnection extends Connection('SettlementLine', SettlementLine) {}

const statementIdArg = { type: () => ID, description: 'The settlement statement.' };

/** Monthly settlement statements (docs/RULES.md §22, §25): the agency's members and operators read them. */
@Resolver(() => SettlementStatement)
export class SettlementStatementResolver {
  constructor(
    private readonly settlements: SettlementService,
    private readonly agencies: PartnerAgencyService,
  ) {}

  @Query(() => SettlementStatement, { nullable: true, description: "The agency's members and operators; others NOT_FOUND." })
  settlementStatement(@Ctx() ctx: RequestContext, @Args('id', statementIdArg) id: string): Promise<SettlementStatement> {
    return this.settlements.visible(ctx, id);
  }

  @Query(() => SettlementStatementConnection, { description: 'Agency members must give their partnerAgencyId; operators may omit it.' })
  settlementStatements(@Ctx() ctx: RequestContext, @Args() args: SettlementStatementListArgs): Promise<Page<SettlementStatement>> {
    return this.settlements.list(ctx, args, args);
  }

  @OperatorOnly()
  @Mutation(() => [SettlementStatement], { description: 'Operator; idempotent per agency and month (the monthly job does the same).' })
  generateSettlementStatements(
    @Ctx() ctx: RequestContext,
    @Args('month', { description: 'A month that is over, YYYY-MM (KST).' }) month: string,
  ): Promise<SettlementStatement[]> {
    return this.settlements.generate(ctx, month);
  }

  @OperatorOnly()
  @Mutation(() => SettlementStatement, { description: 'Operator, while DRAFT or DISPUTED.' })
  addSettlementAdjustment(
    @Ctx() ctx: RequestContext,
    @Args('statementId', statementIdArg) statementId: string,
    @Args('amount', { type: () => SignedMoneyScalar, description: 'Won added to the net (negative: deducted); not 0.' }) amount: number,
    @Args('description', { description: 'Why, shown to the agency; required.' }) description: string,
  ): Promise<SettlementStatement> {
    return this.settlements.addAdjustment(ctx, statementId, amount, description);
  }

  @OperatorOnly()
  @Mutation(() => SettlementStatement, { description: 'Operator: DRAFT → ISSUED; the agency may dispute for 7 days.' })
  issueSettlementStatement(@Ctx() ctx: RequestContext, @Args('statementId', statementIdArg) statementId: string): Promise<SettlementStatement> {
    return this.settlements.issue(ctx, statementId);
  }

  @Mutation(() => SettlementStatement, { description: 'Agency OWNER/MANAGER, within 7 days of issue, once.' })
  disputeSettlementStatement(
    @Ctx() ctx: RequestContext,
    @Args('statementId', statementIdArg) statementId: string,
    @Args('reason', { description: 'What the agency disputes.' }) reason: string,
  ): Promise<SettlementStatement> {
    return this.settlements.dispute(ctx, statementId, reason);
  }

  @OperatorOnly()
  @Mutation(() => SettlementStatement, { description: 'Operator: DISPUTED → ISSUED with a note.' })
  resolveSettlementDispute(
    @Ctx() ctx: RequestContext,
    @Args('statementId', statementIdArg) statementId: string,
    @Args('note', { description: 'How the dispute was resolved.' }) note: string,
  ): Promise<SettlementStatement> {
    return this.settlements.resolve(ctx, statementId, note);
  }

  @OperatorOnly()
  @Mutation(() => SettlementStatement, { description: 'Operator: ISSUED → PAID once netPayable > 0, the dispute window is over and a payout account is set.' })
  markSettlementPaid(
    @Ctx() ctx: RequestContext,
    @Args('statementId', statementIdArg) statementId: string,
    @Args('transferReference', { description: "The bank transfer's reference." }) transferReference: string,
  ): Promise<SettlementStatement> {
    return this.settlements.markPaid(ctx, statementId, transferReference);
  }

  @ResolveField(() => PartnerAgency, { description: 'The agency it settles.' })
  async partnerAgency(statement: SettlementStatement, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency> {
    return (await this.agencies.load(contextOf(graphql), statement.partnerAgencyId))!;
  }

  @ResolveField(() => String, {
    description:
      'The statement as CSV for a bookkeeper (UTF-8 with BOM, CRLF, Korean headers): one row per line in time order, then 합계 and the VAT inside the fee.',
  })
  csv(statement: SettlementStatement, _args: unknown, graphql: GraphQLContext): Promise<string> {
    return this.settlements.csv(contextOf(graphql), statement);
  }

  @ResolveField(() => SettlementLineConnection, { description: 'Its lines in time order; they add up to the statement.' })
  lines(@Ctx() ctx: RequestContext, @Parent() statement: SettlementStatement, @Args() page: PageArgs): Promise<Page<SettlementLine>> {
    return this.settlements.lines(ctx, statement, page);
  }
}

/** What a line settles; readers of the statement are the agency's members and operators, who may read its sales. */
@Resolver(() => SettlementLine)
export class SettlementLineResolver {
  constructor(
    private readonly orders: OrderReads,
    private readonly reservations: ReservationService,
  ) {}

  @ResolveField(() => Order, { nullable: true, description: 'The order it settles (ORDER_LINE, SHIPPING, refunds of an order).' })
  order(line: SettlementLine, _args: unknown, graphql: GraphQLContext): Promise<Order | null> {
    return line.orderId ? this.orders.load(contextOf(graphql), line.orderId) : Promise.resolve(null);
  }

  @ResolveField(() => OrderLine, { nullable: true, description: 'The order line it settles.' })
  orderLine(line: SettlementLine, _args: unknown, graphql: GraphQLContext): Promise<OrderLine | null> {
    return line.orderLineId ? this.orders.visibleLine(contextOf(graphql), line.orderLineId) : Promise.resolve(null);
  }

  @ResolveField(() => Reservation, { nullable: true, description: 'The reservation it settles.' })
  reservation(line: SettlementLine, _args: unknown, graphql: GraphQLContext): Promise<Reservation | null> {
    return line.reservationId ? this.reservations.load(contextOf(graphql), line.reservationId) : Promise.resolve(null);
  }
}

/** Where an agency's settlements are paid (docs/RULES.md §22, §25). */
@Resolver(() => PartnerAgency)
export class PartnerAgencyPayoutAccountResolver {
  constructor(private readonly payoutAccounts: PayoutAccounts) {}

  @Mutation(() => PartnerAgency, { description: 'Agency OWNER/MANAGER or operator: where its settlements are paid.' })
  setPartnerAgencyPayoutAccount(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The agency.' }) partnerAgencyId: string,
    @Args('input', { description: 'The bank account.' }) input: PayoutAccountInput,
  ): Promise<PartnerAgency> {
    return this.payoutAccounts.set(ctx, partnerAgencyId, input);
  }

  @ResolveField(() => PayoutAccountView, { nullable: true, description: 'Where settlement payouts go. Members and operators only.' })
  payoutAccount(agency: PartnerAgency, _args: unknown, graphql: GraphQLContext): Promise<PayoutAccountView | null> {
    return this.payoutAccounts.viewOf(contextOf(graphql), agency);
  }
}
