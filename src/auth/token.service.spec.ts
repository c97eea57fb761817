import { KeyObject } from 'node:crypto';
import { JwtService, type JwtVerifyOptions } from '@nestjs/jwt';
import { loadConfig } from '../config/app-config.js';
import { UnauthenticatedError } from '../common/errors.js';
import { TokenService } from './token.service.js';

const tokensWith = (secret: string) => new TokenService(new JwtService(), loadConfig({ JWT_SECRET: secret }));

describe('TokenService', () => {
  const tokens = tokensWith('a'.repeat(40));

  it('verifies what it issued, for residents and staff', () => {
    const resident = tokens.issue({ kind: 'resident', id: 42 }).token;
    expect(tokens.actorFromAuthorization(`Bearer ${resident}`)).toEqual({ kind: 'resident', id: 42 });
    const staff = tokens.issue({ kind: 'staff', id: 7, roles: ['UNIT_HANDLER'], unitId: 3 }).token;
    expect(tokens.actorFromAuthorization(`Bearer ${staff}`)).toEqual({ kind: 'staff', id: 7, roles: ['UNIT_HANDLER'], unitId: 3 });
  });

  it('refuses a token signed with another secret, and garbage', () => {
    const foreign = tokensWith('b'.repeat(40)).issue({ kind: 'resident', id: 1 }).token;
    expect(() => tokens.actorFromAuthorization(`Bearer ${foreign}`)).toThrow(UnauthenticatedError);
    expect(() => tokens.actorFromAuthorization('Bearer not.a.token')).toThrow(UnauthenticatedError);
  });

  it('hands jsonwebtoken a KeyObject, so no verify re-parses the secret as a PEM key', () => {
    const seen: unknown[] = [];
    class RecordingJwt extends JwtService {
      override verify<T extends object>(token: string, options?: JwtVerifyOptions): T {
        seen.push(options?.secret);
        return super.verify<T>(token, options);
      }
    }
    const recording = new TokenService(new RecordingJwt(), loadConfig({ JWT_SECRET: 'a'.repeat(40) }));
    const token = recording.issue({ kind: 'resident', id: 1 }).token;
    recording.actorFromAuthorization(`Bearer ${token}`);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(KeyObject);
  });
});
