import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, StateMachine, TransactionalConnection } from '../../common/src/index.js';
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

/** Event-specific checks and changes, run on the locked row after the table allowed the move; throwing aborts it. */
type PartnerAgencyChange = (agency: PartnerAgency) => void;

@Injectable()
export class PartnerAgencyTransitions {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /** The agency row, locked (SELECT … FOR UPDATE) until the transaction ends. */
  lock(ctx: RequestContext, id: string): Promise<PartnerAgency> {
    return this.connection.lock(ctx, PartnerAgency, id, 'Partner agency');
  }

  /** The only way an agency's status changes: locked, checked against the table, then saved. */
  async transition(ctx: RequestContext, id: string, to: S, change?: PartnerAgencyChange): Promise<PartnerAgency> {
    const agency = await this.lock(ctx, id);
    PARTNER_AGENCY_STATES.assert(agency.status, to);
    change?.(agency);
    agency.status = to;
    agency.statusChangedAt = this.clock.now();
    if (to !== S.SUSPENDED) agency.suspensionCause = null;
    return this.connection.getRepository(ctx, PartnerAgency).save(agency);
  }
}
