import { Injectable } from '@nestjs/common';
import { Authenticator, TransactionalConnection, type AuthUser, type SessionCheck } from '../../common/src/index.js';

/**
 * Registers how every authenticated request checks its access token's session: open, and its user's.
 * One statement (two primary-key lookups), so log-out and a revoked session end access tokens at once in
 * every process. Whether the user is an operator is read there too, so a demotion also takes effect at once.
 */
@Injectable()
export class AccessTokenSessionCheck {
  constructor(
    authenticator: Authenticator,
    private readonly connection: TransactionalConnection,
  ) {
    authenticator.checkSessionsWith((claims) => this.signedInUser(claims));
  }

  private async signedInUser({ sub, sid }: Parameters<SessionCheck>[0]): Promise<AuthUser | null> {
    const [row] = await this.connection.dataSource.query<Array<{ isOperator: boolean }>>(
      `SELECT u.is_operator AS "isOperator"
         FROM user_session s JOIN user_account u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL`,
      [sid, sub],
    );
    return row ? { id: sub, isOperator: row.isOperator } : null;
  }
}
