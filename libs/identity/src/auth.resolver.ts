import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, ManualTransaction, Public, RequestContext } from '../../common/src/index.js';
import { AuthService } from './auth.service.js';
import { AuthPayload, LogInInput, SignUpInput } from './dto/auth.inputs.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Creates an account and opens a session; an email already signed up is CONFLICT.' })
  signUp(@Ctx() ctx: RequestContext, @Args('input', { description: 'The new account.' }) input: SignUpInput): Promise<AuthPayload> {
    return this.auth.signUp(ctx, input);
  }

  @Public()
  @ManualTransaction()
  @Mutation(() => AuthPayload, {
    description: 'Opens a session. A wrong email or password is UNAUTHENTICATED either way; too many attempts per email or address are RATE_LIMITED.',
  })
  logIn(@Ctx() ctx: RequestContext, @Args('input', { description: 'Email and password.' }) input: LogInInput): Promise<AuthPayload> {
    return this.auth.logIn(ctx, input);
  }

  @Public()
  @ManualTransaction()
  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for a new pair; the old one is retired (reused after the 10-second grace, the session is revoked). Invalid: UNAUTHENTICATED.',
  })
  refreshSession(
    @Ctx() ctx: RequestContext,
    @Args('refreshToken', { description: 'The `refreshToken` of the latest AuthPayload.' }) refreshToken: string,
  ): Promise<AuthPayload> {
    return this.auth.refresh(ctx, refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, { description: "Ends the token's session at once, access tokens included; idempotent, unknown tokens are ignored. Always true." })
  logOut(@Ctx() ctx: RequestContext, @Args('refreshToken', { description: 'A refresh token of the session to end.' }) refreshToken: string): Promise<boolean> {
    return this.auth.logOut(ctx, refreshToken);
  }
}
