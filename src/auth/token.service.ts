import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ANONYMOUS, type Actor } from './actor.js';
import { STAFF_ROLES, type StaffRole } from './roles.js';
import { UnauthenticatedError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';

interface TokenClaims {
  sub: string;
  kind: 'resident' | 'staff';
  roles?: StaffRole[];
  unitId?: number | null;
}

/** Short-lived HS256 access tokens; algorithm, issuer and audience pinned on verify. */
@Injectable()
export class TokenService {
  /**
   * The HMAC key as a KeyObject, made once. Handed a string, jsonwebtoken 9 first tries to
   * parse it as a PEM public key on every sign and verify (an OpenSSL error path that cost
   * about a fifth of the api's CPU in the inbox benchmark), and only then falls back to it as
   * a secret. @nestjs/jwt types `secret` as string | Buffer but passes it through unchanged.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  issue(actor: Exclude<Actor, { kind: 'anonymous' }>): { token: string; expiresInSeconds: number } {
    const claims: TokenClaims =
      actor.kind === 'resident'
        ? { sub: String(actor.id), kind: 'resident' }
        : { sub: String(actor.id), kind: 'staff', roles: [...actor.roles], unitId: actor.unitId };
    const token = this.jwt.sign(claims, {
      algorithm: 'HS256',
      secret: this.key as unknown as Buffer,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: this.config.jwt.ttlSeconds,
    });
    return { token, expiresInSeconds: this.config.jwt.ttlSeconds };
  }

  /** Anonymous without a header; a bad or expired token is an error, not a silent downgrade. */
  actorFromAuthorization(header: string | undefined): Actor {
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError(msg('auth.bearerFormat'));
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims & object>(match[1]!, {
        algorithms: ['HS256'],
        secret: this.key as unknown as Buffer,
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
    } catch {
      throw new UnauthenticatedError(msg('auth.tokenInvalid'));
    }
    const id = Number(claims.sub);
    if (!Number.isInteger(id)) throw new UnauthenticatedError(msg('auth.tokenInvalid'));
    if (claims.kind === 'resident') return { kind: 'resident', id };
    const roles = (claims.roles ?? []).filter((r): r is StaffRole => STAFF_ROLES.includes(r));
    return { kind: 'staff', id, roles, unitId: claims.unitId ?? null };
  }
}
