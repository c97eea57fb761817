import { LRUCache } from 'lru-cache';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { duplicateRedis, type RedisClient } from '../redis/redis-connection.js';
import { REDIS } from '../redis/redis.module.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { UnauthenticatedError } from '../common/errors.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { ANONYMOUS, type Actor } from './actor.js';
import { STAFF_ROLES, type StaffRole } from './roles.js';
import { bearerToken, TokenService, type TokenSubject } from './token.service.js';
import { msg } from '../common/i18n/message.js';

/**
 * How long an instance trusts what it read about an account when no change notice arrives
 * (Redis down, or a notice lost): the bound on how late a revocation can take effect.
 */
export const ACCOUNT_CACHE_TTL_MS = 5_000;
const MAX_CACHED_ACCOUNTS = 10_000;
/** Redis pub/sub channel on which every api instance hears about changed accounts. */
export const ACCOUNT_CHANGED_CHANNEL = 'civicloop:account-changed';

type AccountState =
  | { kind: 'resident'; exists: boolean }
  | { kind: 'staff'; active: boolean; authzVersion: number; roles: readonly StaffRole[]; unitId: number | null };

/**
 * The one place a token becomes an actor: the token names the account, the account (read
 * through a short cache) says whether it may still act and with which roles and unit. Changes
 * reach every instance through Redis pub/sub within a moment, and within ACCOUNT_CACHE_TTL_MS
 * at worst. Header and cookie sessions both call `actorForToken`.
 */
@Injectable()
export class AccountAccess implements OnModuleInit, OnApplicationShutdown {
  private readonly cache = new LRUCache<string, AccountState>({ max: MAX_CACHED_ACCOUNTS, ttl: ACCOUNT_CACHE_TTL_MS });
  private subscriber: RedisClient | null = null;
  // Bumped by every change notice: a read that overlapped one is used once but not cached.
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    @Inject(REDIS) private readonly redis: RedisClient | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    // A subscribed connection can do nothing else, so it is a connection of its own; it queues
    // the SUBSCRIBE until Redis answers and re-subscribes after a reconnect by itself.
    const sub = duplicateRedis(this.redis, { enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.subscriber = sub;
    sub.on('error', () => {}); // the shared client already reports an outage
    sub.on('message', (_channel: string, key: string) => this.forget(key));
    // Notices sent while this connection was away are lost: forget everything instead.
    sub.on('ready', () => {
      this.generation++;
      this.cache.clear();
    });
    void sub.subscribe(ACCOUNT_CHANGED_CHANNEL).catch((err: unknown) => this.logger.warn({ err: String(err) }, 'Could not subscribe to account changes; relying on the cache bound'));
  }

  onApplicationShutdown(): void {
    // Not quit(): with its offline queue, quit() would wait forever for a Redis that never came back.
    this.subscriber?.disconnect();
  }

  /** Anonymous without a header; a bad, expired or revoked token is UNAUTHENTICATED. */
  actorFromAuthorization(header: string | undefined): Promise<Actor> {
    const token = bearerToken(header);
    return token === undefined ? Promise.resolve(ANONYMOUS) : this.actorForToken(token);
  }

  async actorForToken(token: string): Promise<Actor> {
    const subject = this.tokens.verify(token);
    const state = await this.state(subject);
    return actorOf(subject, state);
  }

  /**
   * Call after committing a change to an account (deactivation, deletion, password, roles, unit):
   * this instance forgets it now, the others when the notice reaches them.
   */
  async changed(kind: 'resident' | 'staff', id: number): Promise<void> {
    const key = `${kind}:${id}`;
    this.forget(key);
    if (!this.redis) return;
    try {
      await this.redis.publish(ACCOUNT_CHANGED_CHANNEL, key);
    } catch (err) {
      this.logger.warn({ err: String(err), account: key }, 'Could not announce an account change; other instances see it within the cache bound');
    }
  }

  private async state(subject: TokenSubject): Promise<AccountState> {
    const key = `${subject.kind}:${subject.id}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const generation = this.generation;
    const state = await this.load(subject);
    if (generation === this.generation) this.cache.set(key, state);
    return state;
  }

  private forget(key: string): void {
    this.generation++;
    this.cache.delete(key);
  }

  private async load(subject: TokenSubject): Promise<AccountState> {
    if (subject.kind === 'resident') {
      const r = await this.dataSource.getRepository(ResidentEntity).findOne({ select: { id: true, deletedAt: true }, where: { id: subject.id } });
      return { kind: 'resident', exists: !!r && !r.deletedAt };
    }
    const s = await this.dataSource
      .getRepository(StaffUserEntity)
      .findOne({ select: { id: true, active: true, authzVersion: true, roles: true, unitId: true }, where: { id: subject.id } });
    if (!s) return { kind: 'staff', active: false, authzVersion: 0, roles: [], unitId: null };
    return { kind: 'staff', active: s.active, authzVersion: s.authzVersion, roles: s.roles.filter((r) => STAFF_ROLES.includes(r)), unitId: s.unitId };
  }
}

function actorOf(subject: TokenSubject, state: AccountState): Actor {
  if (subject.kind === 'resident') {
    if (state.kind !== 'resident' || !state.exists) throw new UnauthenticatedError(msg('auth.accountGone'));
    return { kind: 'resident', id: subject.id };
  }
  if (state.kind !== 'staff' || !state.active || state.authzVersion !== subject.authzVersion) {
    throw new UnauthenticatedError(msg('auth.accountChanged'));
  }
  return { kind: 'staff', id: subject.id, roles: state.roles, unitId: state.unitId };
}
