import { Module } from '@nestjs/common';
import { AccessTokenSessionCheck } from './access-token-session-check.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { IdentityBootstrapService } from './identity-bootstrap.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { OrganizationInvitationTransitions } from './organization-invitation-transitions.js';
import { OrganizationInvitationService } from './organization-invitation.service.js';
import { OrganizationInvitationResolver, OrganizationMembershipResolver, OrganizationResolver } from './organization.resolver.js';
import { OrganizationService } from './organization.service.js';
import { UserResolver } from './user.resolver.js';
import { UserService } from './user.service.js';

export const IDENTITY_RESOLVERS = [AuthResolver, UserResolver, OrganizationResolver, OrganizationMembershipResolver, OrganizationInvitationResolver];

/** Users, sessions and organizations; other libraries use UserService and OrganizationService. */
@Module({
  providers: [
    AccessTokenSessionCheck,
    UserService,
    AuthService,
    LoginThrottleService,
    OrganizationService,
    OrganizationInvitationService,
    OrganizationInvitationTransitions,
    IdentityBootstrapService,
    ...IDENTITY_RESOLVERS,
  ],
  exports: [UserService, OrganizationService],
})
export class IdentityModule {}
