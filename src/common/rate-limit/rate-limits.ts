import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClient } from '../../redis/redis-connection.js';
import { REDIS } from '../../redis/redis.module.js';
import { RateLimitedError } from '../errors.js';
import { msg, type Message } from '../i18n/message.js';

/** Every limit in one table: points per window. */
export const RATE_LIMITS = {
  codeRequestPerPhone: { points: 5, duration: 3600 },
  codeRequestPerIp: { points: 20, duration: 3600 },
  codeCheckPerPhone: { points: 10, duration: 900 },
  codeCheckPerIp: { points: 50, duration: 900 },
  // Staff sign-in is throttled by growing delays instead (src/auth/login-throttle.ts).
  setPasswordCodePerIp: { points: 20, duration: 900 },
  submitPerResident: { points: 20, duration: 3600 },
  submitPerIp: { points: 60, duration: 3600 },
  ratePerResident: { points: 30, duration: 3600 },
  // Each upload is decoded and re-encoded: bounded per account (4 photos × a few items, retries).
  photoUploadPerAccount: { points: 60, duration: 3600 },
  // And per address, so many fresh accounts behind one address cannot multiply that work; a
  // service-hall counter or a carrier's NAT serves several people (4 × the per-account limit).
  photoUploadPerIp: { points: 240, duration: 3600 },
  // Several residents may share an address (a household, a mobile carrier's NAT).
  ratePerIp: { points: 120, duration: 3600 },
} as const;
export type RateLimitName = keyof typeof RATE_LIMITS;

/**
 * A limiter whose counters live in Redis when configured (every api instance shares them), with
 * an in-memory stand-in while Redis is unreachable; in memory in embedded mode.
 */
export function sharedLimiter(redis: RedisClient | null, name: string, opts: { points: number; duration: number }): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: `rl:${name}`, ...opts });
  return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `rl:${name}`, insuranceLimiter: memory, ...opts }) : memory;
}

/**
 * Counters in Redis when configured (shared by every api instance), else in memory.
 * When Redis is down the limiter falls back to memory rather than refusing everyone.
 */
@Injectable()
export class RateLimits {
  private readonly limiters = new Map<RateLimitName, RateLimiterAbstract>();

  constructor(@Inject(REDIS) redis: RedisClient | null) {
    for (const [name, opts] of Object.entries(RATE_LIMITS) as [RateLimitName, { points: number; duration: number }][]) {
      this.limiters.set(name, sharedLimiter(redis, name, opts));
    }
  }

  /** Spends one point; throws RATE_LIMITED when the key has none left. Keys must hold no personal data. */
  async consume(name: RateLimitName, key: string, message: Message = msg('common.rateLimited')): Promise<void> {
    try {
      await this.limiters.get(name)!.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new RateLimitedError(message, Math.ceil(err.msBeforeNext / 1000));
      throw err;
    }
  }

  /**
   * Gives back one point per (limit, key) spent by `consume`: for a request that turned out to be
   * a repeat of one already counted (a submission's replay). Best effort: a point not given back
   * only makes the limit a little stricter until its window ends.
   */
  async giveBack(spent: readonly (readonly [RateLimitName, string])[]): Promise<void> {
    await Promise.all(spent.map(([name, key]) => this.limiters.get(name)!.reward(key, 1).catch(() => undefined)));
  }

  /** Points spent by a key in the current window (0 if none): for operators and tests. */
  async consumed(name: RateLimitName, key: string): Promise<number> {
    return (await this.limiters.get(name)!.get(key))?.consumedPoints ?? 0;
  }

  async reset(name: RateLimitName, key: string): Promise<void> {
    await this.limiters.get(name)!.delete(key);
  }
}
