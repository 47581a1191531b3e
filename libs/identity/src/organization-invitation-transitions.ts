import { StateMachine } from '../../common/src/index.js';
import { OrganizationInvitationStatus as S } from './organization-invitation.entity.js';

export const ORGANIZATION_INVITATION_STATES = new StateMachine<S>('Organization invitation', {
  [S.PENDING]: [S.ACCEPTED, S.DECLINED],
});
