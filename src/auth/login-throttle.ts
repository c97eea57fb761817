import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClient } from '../redis/redis-connection.js';
import { REDIS } from '../redis/redis.module.js';
import { RateLimitedError } from '../common/errors.js';
import { sharedLimiter } from '../common/rate-limit/rate-limits.js';
import { delayAfterFailures, KNOWN_ADDRESS_SECONDS, LOGIN_DELAYS, type LoginScope } from './login-delays.js';
import { msg } from '../common/i18n/message.js';

/** One password check: which account (canonical username) from which address. */
export interface PasswordAttempt {
  account: string;
  address: string;
}

interface Scope {
  name: LoginScope;
  key: string;
  /** Failures so far (rate-limiter-flexible keeps them, in Redis when configured). */
  failures: RateLimiterAbstract;
  /** Blocked while the wait lasts; also lets one attempt at a time through once waits apply. */
  gate: RateLimiterAbstract;
}

const NO_LIMIT = 1_000_000_000;

/**
 * Growing waits after failed password checks, per account+address, per address, and per account
 * from addresses the account has not signed in from (rules: login-delays.ts). Nothing here
 * locks an account: the owner at a known address is never held up by anyone else's failures.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<LoginScope, RateLimiterAbstract>();
  private readonly gates = new Map<LoginScope, RateLimiterAbstract>();
  private readonly known: RateLimiterAbstract;

  constructor(@Inject(REDIS) redis: RedisClient | null) {
    for (const [name, policy] of Object.entries(LOGIN_DELAYS) as [LoginScope, (typeof LOGIN_DELAYS)[LoginScope]][]) {
      this.failures.set(name, sharedLimiter(redis, `loginFailures:${name}`, { points: NO_LIMIT, duration: policy.windowSeconds }));
      this.gates.set(name, sharedLimiter(redis, `loginWait:${name}`, { points: 1, duration: 1 }));
    }
    this.known = sharedLimiter(redis, 'loginKnownAddress', { points: NO_LIMIT, duration: KNOWN_ADDRESS_SECONDS });
  }

  /**
   * Runs `check` (the password comparison; null = failed) unless a wait is due, and records
   * its outcome. Throws RATE_LIMITED with the seconds to wait when one is.
   */
  async guard<T>(attempt: PasswordAttempt, check: () => Promise<T | null>): Promise<T | null> {
    const scopes = await this.scopesFor(attempt);
    await this.passGates(scopes);
    const result = await check();
    if (result === null) {
      await Promise.all(scopes.map((s) => this.recordFailure(s)));
      return null;
    }
    await this.recordSuccess(attempt, scopes);
    return result;
  }

  /** Remembers an address a staff member proved themselves from (sign-in, a set-password code). */
  async markKnown(attempt: PasswordAttempt): Promise<void> {
    await this.known.set(`${attempt.account}|${attempt.address}`, 1, KNOWN_ADDRESS_SECONDS);
  }

  private async scopesFor(attempt: PasswordAttempt): Promise<Scope[]> {
    const scope = (name: LoginScope, key: string): Scope => ({ name, key, failures: this.failures.get(name)!, gate: this.gates.get(name)! });
    const scopes = [scope('accountAddress', `${attempt.account}|${attempt.address}`), scope('address', attempt.address)];
    const known = await this.known.get(`${attempt.account}|${attempt.address}`);
    if (!known) scopes.push(scope('account', attempt.account));
    return scopes;
  }

  private async passGates(scopes: Scope[]): Promise<void> {
    let waitMs = 0;
    for (const s of scopes) {
      const failures = (await s.failures.get(s.key))?.consumedPoints ?? 0;
      if (failures < LOGIN_DELAYS[s.name].free) continue;
      try {
        // Refused while a wait lasts; otherwise atomic, so of concurrent attempts once waits
        // apply, one goes through per second at most.
        await s.gate.consume(s.key, 1);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        waitMs = Math.max(waitMs, err.msBeforeNext);
      }
    }
    if (waitMs > 0) throw new RateLimitedError(msg('auth.tooManyFailures', { seconds: Math.ceil(waitMs / 1000) }), Math.ceil(waitMs / 1000));
  }

  private async recordFailure(s: Scope): Promise<void> {
    const res = await s.failures.penalty(s.key, 1);
    const wait = delayAfterFailures(res.consumedPoints, LOGIN_DELAYS[s.name]);
    if (wait > 0) await s.gate.block(s.key, wait);
  }

  private async recordSuccess(attempt: PasswordAttempt, scopes: Scope[]): Promise<void> {
    // The address keeps its count: signing in to one's own account must not clear a spray.
    await Promise.all(scopes.filter((s) => s.name !== 'address').flatMap((s) => [s.failures.delete(s.key), s.gate.delete(s.key)]));
    await this.markKnown(attempt);
  }
}
