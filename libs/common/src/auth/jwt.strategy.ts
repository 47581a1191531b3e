import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DureConfig } from '../config/dure-config.js';
import type { AuthUser } from '../context/request-context.js';

export interface AccessTokenClaims {
  sub: string;
  op?: boolean;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: DureConfig) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.jwtSecret, algorithms: ['HS256'], ignoreExpiration: false });
  }

  validate(claims: AccessTokenClaims): AuthUser {
    return { id: claims.sub, isOperator: claims.op === true };
  }
}
