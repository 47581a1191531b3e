import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { CertificationStatus as S, SocialEconomyCertification } from './social-economy-certification.entity.js';

const CERTIFICATION_STATES = new StateMachine<S>('Certification', {
  [S.PENDING]: [S.VERIFIED, S.REJECTED],
});

/** The only way a certification's status changes (docs/RULES.md §23); the decision stamps `reviewedAt`. */
@Injectable()
export class CertificationTransitions extends StatusTransitions<S, SocialEconomyCertification> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, SocialEconomyCertification, CERTIFICATION_STATES, {
      enteredAt: { [S.VERIFIED]: 'reviewedAt', [S.REJECTED]: 'reviewedAt' },
    });
  }
}
