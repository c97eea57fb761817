import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { UnauthenticatedError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';

/**
 * Whose token this is. Roles and unit are deliberately not in the token: they are read from the
 * account on each request (AccountAccess), so a change to them applies at once.
 */
export type TokenSubject = { kind: 'resident'; id: number } | { kind: 'staff'; id: number; authzVersion: number };

interface TokenClaims {
  sub: string;
  kind: 'resident' | 'staff';
  /** The staff account's authzVersion when the token was issued. */
  ver?: number;
  exp?: number;
}

/** Short-lived HS256 access tokens; algorithm, issuer, audience and an expiry required on verify. */
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

  issue(subject: TokenSubject): { token: string; expiresInSeconds: number } {
    const claims: TokenClaims =
      subject.kind === 'resident' ? { sub: String(subject.id), kind: 'resident' } : { sub: String(subject.id), kind: 'staff', ver: subject.authzVersion };
    const token = this.jwt.sign(claims, {
      algorithm: 'HS256',
      secret: this.key as unknown as Buffer,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: this.config.jwt.ttlSeconds,
    });
    return { token, expiresInSeconds: this.config.jwt.ttlSeconds };
  }

  /** The subject of a well-signed, unexpired token of ours; anything else is UNAUTHENTICATED. */
  verify(token: string): TokenSubject {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims & object>(token, {
        algorithms: ['HS256'],
        secret: this.key as unknown as Buffer,
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
    } catch {
      throw new UnauthenticatedError(msg('auth.tokenInvalid'));
    }
    // jsonwebtoken accepts a token without `exp` as never expiring: ours always carry one.
    if (typeof claims.exp !== 'number') throw new UnauthenticatedError(msg('auth.tokenNoExpiry'));
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || id < 1) throw new UnauthenticatedError(msg('auth.tokenInvalid'));
    if (claims.kind === 'resident') return { kind: 'resident', id };
    if (claims.kind === 'staff' && Number.isSafeInteger(claims.ver)) return { kind: 'staff', id, authzVersion: claims.ver! };
    throw new UnauthenticatedError(msg('auth.tokenInvalid'));
  }
}

/** The token of an `Authorization: Bearer <token>` header; undefined without a header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthenticatedError(msg('auth.bearerFormat'));
  return match[1]!;
}
