import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ClockService } from '../clock/clock.service.js';
import { DureConfig } from '../config/dure-config.js';
import type { AuthUser } from '../context/request-context.js';

export interface AccessTokenClaims {
  sub: string;
  op?: boolean;
  exp?: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: DureConfig,
    private readonly clock: ClockService,
  ) {
    // Expiry is checked against the ClockService below, so tokens follow the test clock too.
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.jwtSecret, algorithms: ['HS256'], ignoreExpiration: true });
  }

  validate(claims: AccessTokenClaims): AuthUser | false {
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.clock.now().getTime()) return false;
    return { id: claims.sub, isOperator: claims.op === true };
  }
}
