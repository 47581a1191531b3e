import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, ManualTransaction, Public, RequestContext } from '../../common/src/index.js';
import { AuthService } from './auth.service.js';
import { AuthPayload, LogInInput, SignUpInput } from './dto/auth.inputs.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload)
  signUp(@Ctx() ctx: RequestContext, @Args('input') input: SignUpInput): Promise<AuthPayload> {
    return this.auth.signUp(ctx, input);
  }

  @Public()
  @ManualTransaction()
  @Mutation(() => AuthPayload)
  logIn(@Ctx() ctx: RequestContext, @Args('input') input: LogInInput): Promise<AuthPayload> {
    return this.auth.logIn(ctx, input);
  }

  @Public()
  @ManualTransaction()
  @Mutation(() => AuthPayload)
  refreshSession(@Ctx() ctx: RequestContext, @Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.auth.refresh(ctx, refreshToken);
  }

  @Public()
  @Mutation(() => Boolean)
  logOut(@Ctx() ctx: RequestContext, @Args('refreshToken') refreshToken: string): Promise<boolean> {
    return this.auth.logOut(ctx, refreshToken);
  }
}
