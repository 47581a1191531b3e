import passport from 'passport';
import type { AuthUser } from '../context/request-context.js';
import { UnauthenticatedError } from '../errors/dure-error.js';
import type { DureRequest } from './access.decorators.js';

/**
 * Who is calling: the bearer token verified by the passport `jwt` strategy (JwtStrategy), once per
 * request, kept on `req.user` — the user, or null when no token is sent. An invalid or expired token is
 * refused, and asking again verifies it again.
 */
export async function authenticate(req: DureRequest): Promise<AuthUser | null> {
  if (req.user !== undefined) return req.user;
  if (!req.headers.authorization) return (req.user = null);
  const user = await new Promise<AuthUser | false>((resolve) => {
    const verify = passport.authenticate('jwt', { session: false }, (error: unknown, found: AuthUser | false) => resolve(error ? false : found));
    verify(req, undefined, () => resolve(false));
  });
  if (!user) throw new UnauthenticatedError('The access token is invalid or has expired');
  req.user = user;
  return user;
}
