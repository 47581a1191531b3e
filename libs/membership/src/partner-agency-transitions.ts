import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, StateMachine, StatusTransitions, TransactionalConnection, type StatusChange } from '../../common/src/index.js';
import { MembershipEvents } from './membership-events.js';
import { PartnerAgency, PartnerAgencyStatus as S } from './partner-agency.entity.js';

/** docs/RULES.md §4, the whole lifecycle. Anything not listed is INVALID_STATE. WITHDRAWN (퇴점) is final. */
const PARTNER_AGENCY_STATES = new StateMachine<S>('Partner agency', {
  [S.PENDING_REVIEW]: [S.AWAITING_DUES, S.CHANGES_REQUESTED, S.REJECTED, S.WITHDRAWN],
  [S.CHANGES_REQUESTED]: [S.PENDING_REVIEW, S.WITHDRAWN],
  [S.REJECTED]: [S.PENDING_REVIEW, S.WITHDRAWN],
  [S.AWAITING_DUES]: [S.ACTIVE, S.WITHDRAWN],
  [S.ACTIVE]: [S.SUSPENDED, S.WITHDRAWN],
  [S.SUSPENDED]: [S.ACTIVE, S.WITHDRAWN],
});

/**
 * The only way an agency's status changes; leaving SUSPENDED clears its cause; every suspension, and every
 * move into or out of ACTIVE, is published.
 */
@Injectable()
export class PartnerAgencyTransitions extends StatusTransitions<S, PartnerAgency> {
  constructor(
    connection: TransactionalConnection,
    clock: ClockService,
    private readonly events: MembershipEvents,
  ) {
    super(connection, clock, PartnerAgency, PARTNER_AGENCY_STATES, { changedAt: 'statusChangedAt' });
  }

  override async apply(ctx: RequestContext, agency: PartnerAgency, to: S, change?: StatusChange<PartnerAgency>): Promise<PartnerAgency> {
    const wasActive = agency.status === S.ACTIVE;
    const moved = await super.apply(ctx, agency, to, async (row) => {
      await change?.(row);
      if (to !== S.SUSPENDED) row.suspensionCause = null;
    });
    if (to === S.SUSPENDED) await this.events.publish(ctx, 'PartnerAgencySuspended', { agency: moved });
    const active = to === S.ACTIVE;
    if (active !== wasActive) await this.events.publish(ctx, 'PartnerAgencyActivityChanged', { agency: moved, active });
    return moved;
  }
}
