import { Injectable } from '@nestjs/common';
import { Authenticator } from '../../common/src/index.js';

/**
 * Registers how every authenticated request checks its access token's session: open, and its user's.
 * One query (two primary-key lookups), so log-out and a revoked session end access tokens at once in
 * every process. Whether the user is an operator is read there too, so a demotion also takes effect at once.
 * It is SQL so that a mutation's rate-limit count can travel in the same statement (Authenticator.authenticateAlong).
 */
@Injectable()
export class AccessTokenSessionCheck {
  constructor(authenticator: Authenticator) {
    authenticator.checkSessionsWith(
      ({ sid, sub }) => `SELECT u.id AS "userId", u.is_operator AS "isOperator"
         FROM user_session s JOIN user_account u ON u.id = s.user_id
        WHERE s.id = ${sid} AND s.user_id = ${sub} AND s.revoked_at IS NULL`,
    );
  }
}
