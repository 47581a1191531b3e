import { Injectable } from '@nestjs/common';
import { InTransactionEvents } from '../../common/src/index.js';
import type { ConsultationMessage } from './consultation-message.entity.js';
import type { Consultation } from './consultation.entity.js';
import type { Offer } from './offer.entity.js';

/** What happened in a consultation that its other side must hear about. */
export interface ConsultationEventMap {
  /** A message from either side, the buyer's opening one included (`message.authorId` says whose). */
  ConsultationMessagePosted: { consultation: Consultation; message: ConsultationMessage };
  /** The agency sent the buyer an offer (PENDING). */
  OfferSent: { consultation: Consultation; offer: Offer };
}

/** Consultations' in-transaction hook (docs/ARCHITECTURE.md): notifications subscribe. */
@Injectable()
export class ConsultationEvents extends InTransactionEvents<ConsultationEventMap> {}
