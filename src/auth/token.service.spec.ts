import { KeyObject } from 'node:crypto';
import { JwtService, type JwtVerifyOptions } from '@nestjs/jwt';
import { loadConfig } from '../config/app-config.js';
import { UnauthenticatedError } from '../common/errors.js';
import { TokenService } from './token.service.js';

const SECRET = 'a'.repeat(40);
const tokensWith = (secret: string) => new TokenService(new JwtService(), loadConfig({ JWT_SECRET: secret }));

describe('TokenService', () => {
  const tokens = tokensWith(SECRET);
  const config = loadConfig({ JWT_SECRET: SECRET });
  const sign = (claims: object, options: Record<string, unknown> = {}) =>
    new JwtService().sign(claims, { secret: SECRET, issuer: config.jwt.issuer, audience: config.jwt.audience, ...options });

  it('verifies what it issued: the account, and for staff the account version (no roles, no unit)', () => {
    const resident = tokens.issue({ kind: 'resident', id: 42 }).token;
    expect(tokens.verify(resident)).toEqual({ kind: 'resident', id: 42 });
    const staff = tokens.issue({ kind: 'staff', id: 7, authzVersion: 3 }).token;
    expect(tokens.verify(staff)).toEqual({ kind: 'staff', id: 7, authzVersion: 3 });
    expect(JSON.parse(Buffer.from(staff.split('.')[1]!, 'base64url').toString())).not.toHaveProperty('roles');
  });

  it('refuses a token signed with another secret, and garbage', () => {
    const foreign = tokensWith('b'.repeat(40)).issue({ kind: 'resident', id: 1 }).token;
    expect(() => tokens.verify(foreign)).toThrow(UnauthenticatedError);
    expect(() => tokens.verify('not.a.token')).toThrow(UnauthenticatedError);
  });

  it('refuses a well-signed token without an expiry (issue 12 §3)', () => {
    expect(() => tokens.verify(sign({ sub: '1', kind: 'resident' }))).toThrow(/expiry/);
    expect(() => tokens.verify(sign({ sub: '1', kind: 'staff', ver: 1 }, { noTimestamp: true }))).toThrow(/expiry/);
    expect(tokens.verify(sign({ sub: '1', kind: 'resident' }, { expiresIn: 60 }))).toEqual({ kind: 'resident', id: 1 });
  });

  it('refuses a staff token without an account version (the old role-carrying tokens)', () => {
    expect(() => tokens.verify(sign({ sub: '1', kind: 'staff', roles: ['ADMIN'] }, { expiresIn: 60 }))).toThrow(UnauthenticatedError);
  });

  it('hands jsonwebtoken a KeyObject, so no verify re-parses the secret as a PEM key', () => {
    const seen: unknown[] = [];
    class RecordingJwt extends JwtService {
      override verify<T extends object>(token: string, options?: JwtVerifyOptions): T {
        seen.push(options?.secret);
        return super.verify<T>(token, options);
      }
    }
    const recording = new TokenService(new RecordingJwt(), loadConfig({ JWT_SECRET: SECRET }));
    recording.verify(recording.issue({ kind: 'resident', id: 1 }).token);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(KeyObject);
  });
});
