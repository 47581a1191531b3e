import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { OrganizationInvitation, OrganizationInvitationStatus as S } from './organization-invitation.entity.js';

const ORGANIZATION_INVITATION_STATES = new StateMachine<S>('Organization invitation', {
  [S.PENDING]: [S.ACCEPTED, S.DECLINED],
});

/** The only way an invitation's status changes; the answer stamps `respondedAt`. */
@Injectable()
export class OrganizationInvitationTransitions extends StatusTransitions<S, OrganizationInvitation> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, OrganizationInvitation, ORGANIZATION_INVITATION_STATES, {
      enteredAt: { [S.ACCEPTED]: 'respondedAt', [S.DECLINED]: 'respondedAt' },
    });
  }
}
