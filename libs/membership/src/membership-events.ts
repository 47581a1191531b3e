import { Injectable } from '@nestjs/common';
import { InTransactionEvents } from '../../common/src/index.js';
import type { DuesInvoice } from './dues-invoice.entity.js';
import type { PartnerAgency } from './partner-agency.entity.js';

/** What happened to an agency's membership that its OWNER / MANAGERs must hear about. */
export interface MembershipEventMap {
  /** A new OPEN invoice (regular or a tier change's difference). */
  DuesInvoiceIssued: { invoice: DuesInvoice };
  /** OPEN → OVERDUE: unpaid past its due date. */
  DuesInvoiceOverdue: { invoice: DuesInvoice };
  /** ACTIVE → SUSPENDED, for dues or by an operator (`agency.suspensionCause` says which). */
  PartnerAgencySuspended: { agency: PartnerAgency };
  /**
   * Into or out of ACTIVE (first dues paid, suspended, reinstated, withdrawn while ACTIVE): its PUBLISHED
   * listings became public or stopped being so (docs/RULES.md §4). `active` is the new state.
   */
  PartnerAgencyActivityChanged: { agency: PartnerAgency; active: boolean };
}

/** Membership's in-transaction hook (docs/ARCHITECTURE.md): notifications and the catalog subscribe. */
@Injectable()
export class MembershipEvents extends InTransactionEvents<MembershipEventMap> {}
