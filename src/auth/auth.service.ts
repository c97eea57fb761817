import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Passwords } from './passwords.js';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { UnauthenticatedError, ValidationError } from '../common/errors.js';
import { normalizePhone } from '../common/masking.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { RateLimits } from '../common/rate-limit/rate-limits.js';
import { Transactions } from '../database/transactions.js';
import { SMS_GATEWAY, type SmsGateway } from '../notifications/sms-gateway.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { findStaffByUsername } from '../staff/staff-lookup.js';
import { canonicalUsername } from '../staff/username.js';
import { LoginThrottle } from './login-throttle.js';
import { LoginCodeEntity } from './login-code.entity.js';
import { TokenService } from './token.service.js';
import { msg } from '../common/i18n/message.js';

export const LOGIN_CODE_TTL_MS = 5 * 60_000;
export const LOGIN_CODE_MAX_ATTEMPTS = 5;

export interface SignedIn {
  accessToken: string;
  expiresInSeconds: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly tokens: TokenService,
    private readonly rateLimits: RateLimits,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
    private readonly pii: PiiCrypto,
    private readonly passwords: Passwords,
    @Inject(SMS_GATEWAY) private readonly sms: SmsGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Staff sign-in. The username is canonicalised once (findStaffByUsername) and that form keys
   * the waits too, so no spelling of a name gets a fresh allowance. Failures slow the guesser
   * down (LoginThrottle) without ever locking the account's owner out.
   */
  async staffLogin(username: string, password: string, ip: string): Promise<SignedIn> {
    const user = await findStaffByUsername(this.dataSource.manager, username);
    const account = user?.username ?? canonicalUsername(username);
    const signedIn = await this.throttle.guard({ account, address: ip }, async () => {
      const ok = await this.passwords.verify(user?.passwordHash, password);
      return user && ok && user.active ? user : null;
    });
    if (!signedIn) throw new UnauthenticatedError(msg('auth.wrongPassword'));
    const { token, expiresInSeconds } = this.tokens.issue({ kind: 'staff', id: signedIn.id, authzVersion: signedIn.authzVersion });
    return { accessToken: token, expiresInSeconds };
  }

  /** Sends a fresh 6-digit code; a resend replaces the previous one. The code is never logged. */
  async requestLoginCode(phoneInput: string, ip: string): Promise<{ expiresInSeconds: number }> {
    const phone = this.requirePhone(phoneInput);
    const phoneHash = this.pii.lookupHash(phone);
    await this.rateLimits.consume('codeRequestPerIp', ip, msg('auth.tooManyCodeRequests'));
    await this.rateLimits.consume('codeRequestPerPhone', phoneHash, msg('auth.tooManyCodeRequests'));
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      await em.delete(LoginCodeEntity, { phoneHash });
      await em.insert(LoginCodeEntity, {
        phoneHash,
        codeHash: this.codeHash(phoneHash, code),
        expiresAt: new Date(now.getTime() + LOGIN_CODE_TTL_MS),
        attempts: 0,
        createdAt: now,
      });
    });
    await this.sms.send({ to: phone, template: 'LOGIN_CODE', params: { code }, eventKey: `login-code:${phoneHash.slice(0, 16)}:${now.getTime()}` });
    return { expiresInSeconds: LOGIN_CODE_TTL_MS / 1000 };
  }

  async signInWithCode(phoneInput: string, code: string, displayName: string | undefined, ip: string): Promise<SignedIn> {
    const phone = this.requirePhone(phoneInput);
    const phoneHash = this.pii.lookupHash(phone);
    await this.rateLimits.consume('codeCheckPerIp', ip);
    await this.rateLimits.consume('codeCheckPerPhone', phoneHash);
    const now = this.clock.now();
    // A wrong code must still count as a try, so the transaction returns null instead of
    // throwing (a throw would roll the count back and allow endless guesses).
    const residentId = await this.tx.run(async (em): Promise<number | null> => {
      const stored = await em.findOneBy(LoginCodeEntity, { phoneHash });
      if (!stored || stored.expiresAt <= now) {
        if (stored) await em.delete(LoginCodeEntity, { id: stored.id });
        return null;
      }
      // Spend a try before comparing; the condition holds concurrent guesses to the limit too.
      const spent = await em
        .createQueryBuilder()
        .update(LoginCodeEntity)
        .set({ attempts: () => 'attempts + 1' })
        .where('id = :id AND attempts < :max', { id: stored.id, max: LOGIN_CODE_MAX_ATTEMPTS })
        .execute();
      if (!spent.affected) {
        await em.delete(LoginCodeEntity, { id: stored.id });
        return null;
      }
      const given = Buffer.from(this.codeHash(phoneHash, code));
      if (!timingSafeEqual(given, Buffer.from(stored.codeHash))) {
        if (stored.attempts + 1 >= LOGIN_CODE_MAX_ATTEMPTS) await em.delete(LoginCodeEntity, { id: stored.id });
        return null;
      }
      // Single use: of two requests with the right code, only the one that deletes the row signs in.
      const used = await em.delete(LoginCodeEntity, { id: stored.id });
      if (!used.affected) return null;
      const existing = await em.findOneBy(ResidentEntity, { phoneHash });
      if (existing) {
        if (!existing.verifiedAt) await em.update(ResidentEntity, { id: existing.id }, { verifiedAt: now });
        return existing.id;
      }
      const inserted = await em.insert(ResidentEntity, {
        phoneCiphertext: this.pii.encrypt(phone),
        phoneHash,
        displayName: displayName?.trim() || `居民${phone.slice(-4)}`,
        verifiedAt: now,
        notificationOptOuts: [],
        deletedAt: null,
        createdAt: now,
      });
      return inserted.identifiers[0]!.id as number;
    });
    if (residentId === null) throw new UnauthenticatedError(msg('auth.wrongCode'));
    const { token, expiresInSeconds } = this.tokens.issue({ kind: 'resident', id: residentId });
    return { accessToken: token, expiresInSeconds };
  }

  private requirePhone(input: string): string {
    const phone = normalizePhone(input);
    if (!phone) throw new ValidationError(msg('format.phone'), 'phone');
    return phone;
  }

  private codeHash(phoneHash: string, code: string): string {
    return createHmac('sha256', this.config.pii.hashKey).update(`${phoneHash}:${code}`).digest('hex');
  }
}
