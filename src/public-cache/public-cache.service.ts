import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { Transactions } from '../database/transactions.js';
import { Clock } from '../common/clock.js';
import { REDIS } from '../redis/redis.module.js';
import { duplicateRedis, type RedisClient } from '../redis/redis-connection.js';
import { clockWindow, PUBLIC_READS, staleReads, type PublicRead } from './public-reads.js';

/**
 * Redis names of one database's cache: instances on the same database share it, and nothing
 * else can (another deployment or test database on the same Redis). An in-memory SQLite
 * database belongs to its process alone.
 */
export function publicCacheNamespace(database: AppConfig['database']): string {
  const identity = database.type === 'sqlite' ? (database.path === ':memory:' ? randomUUID() : resolve(database.path)) : database.url;
  return `civicloop:public-cache:${createHash('sha256').update(identity).digest('base64url').slice(0, 16)}:`;
}

/**
 * Anonymous answers of the public reads, shared by every api instance. Each read has a version;
 * an entry carries the versions of the reads it contains and is served only while they are
 * current, so a change makes every older entry stale at once, without finding it. Changes arrive after commit from `Transactions`
 * (rules of which change touches which read: public-reads.ts). With Redis, versions live in a hash
 * (HINCRBY), entries are Redis keys with a TTL, and a pub/sub notice carries new versions to the
 * other instances; in embedded mode both stay in process memory. The TTL only bounds how long an
 * entry can outlive a lost notice.
 */
@Injectable()
export class PublicCache implements OnModuleInit, OnApplicationShutdown {
  private readonly versions = new Map<PublicRead, number>(PUBLIC_READS.map((r) => [r, 0]));
  private readonly memory = new Map<string, { value: string; until: number }>();
  private subscriber: RedisClient | null = null;
  private resync: NodeJS.Timeout | null = null;
  private syncFailing = false; // warn once per outage, not once per retry
  private closed = false;
  // False until this instance knows Redis' versions, and again after a failed invalidation: serve uncached then.
  private synced: boolean;
  private readonly ttlMs: number;
  private readonly prefix: string;
  private readonly versionsKey: string;
  readonly channel: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: RedisClient | null,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clock: Clock,
    tx: Transactions,
  ) {
    this.ttlMs = config.publicCache.ttlSeconds * 1000;
    this.prefix = publicCacheNamespace(config.database);
    this.versionsKey = `${this.prefix}versions`;
    this.channel = `${this.prefix}invalidated`;
    this.synced = !redis;
    // Writes invalidate even where the cache is off (a worker), so instances that serve it hear them.
    tx.onCommitted((changes) => this.invalidate(staleReads(changes)));
  }

  get enabled(): boolean {
    return this.config.publicCache.enabled;
  }

  onModuleInit(): void {
    if (!this.redis) return;
    // On a cluster too: every key of the cache is one key per command, and PUBLISH reaches every node.
    const sub = duplicateRedis(this.redis, { enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.subscriber = sub;
    sub.on('error', () => {}); // the shared client already reports an outage
    sub.on('message', (_channel: string, message: string) => this.learn(message));
    // Notices sent while this connection was away are lost: read the versions again. The shared
    // client may become ready after the subscriber (a cluster discovers its slots first); its
    // commands fail fast until then, so both readinesses trigger a read.
    sub.on('ready', () => void this.sync());
    this.redis.on('ready', () => void this.sync());
    void sub.subscribe(this.channel).catch((err: unknown) => this.logger.warn({ err: String(err) }, 'Could not subscribe to public cache notices; serving public reads uncached'));
  }

  onApplicationShutdown(): void {
    this.closed = true;
    if (this.resync) clearTimeout(this.resync);
    this.subscriber?.disconnect();
  }

  /**
   * Where the entry of a request for `reads` lives and the versions it must carry to be served,
   * or null while this instance cannot trust its versions. One key per request, not per version:
   * a change leaves one stale entry to be overwritten, not a new key per change.
   */
  slotFor(reads: readonly PublicRead[], request: string): { key: string; stamp: string } | null {
    if (!this.synced) return null;
    // Reads that follow the clock also carry their time window: a new window is a miss.
    return { key: `${this.prefix}e:${request}`, stamp: reads.map((r) => this.versions.get(r)).join('.') + clockWindow(reads, this.clock.now().getTime()) };
  }

  /** The body kept for the slot, if it was made at the slot's versions. */
  async get(slot: { key: string; stamp: string }): Promise<string | null> {
    let value: string | null;
    if (!this.redis) {
      const hit = this.memory.get(slot.key);
      if (hit && hit.until <= Date.now()) this.memory.delete(slot.key);
      value = hit && hit.until > Date.now() ? hit.value : null;
    } else {
      try {
        value = await this.redis.get(slot.key);
      } catch {
        return null; // Redis away: answer uncached
      }
    }
    if (value === null) return null;
    const cut = value.indexOf('\n');
    return value.slice(0, cut) === slot.stamp ? value.slice(cut + 1) : null;
  }

  /**
   * Keeps a body made after reading the slot's versions: its data is at least as new as they
   * are, so it may answer anyone holding the same versions.
   */
  async set(slot: { key: string; stamp: string }, body: string): Promise<void> {
    const value = `${slot.stamp}\n${body}`;
    if (!this.redis) {
      this.memory.delete(slot.key);
      if (this.memory.size >= this.config.publicCache.maxEntries) this.memory.delete(this.memory.keys().next().value!);
      this.memory.set(slot.key, { value, until: Date.now() + this.ttlMs });
      return;
    }
    try {
      await this.redis.set(slot.key, value, 'PX', this.ttlMs);
    } catch {
      // not cached this time
    }
  }

  /** New versions for `reads`: here at once, on other instances when the notice arrives. Never throws. */
  async invalidate(reads: readonly PublicRead[]): Promise<void> {
    if (reads.length === 0) return;
    if (!this.redis) {
      for (const r of reads) this.versions.set(r, this.versions.get(r)! + 1);
      return;
    }
    try {
      const multi = this.redis.multi();
      for (const r of reads) multi.hincrby(this.versionsKey, r, 1);
      const results = (await multi.exec()) ?? [];
      const fresh: Record<string, number> = {};
      reads.forEach((r, i) => {
        const [err, value] = results[i] ?? [new Error('no reply'), null];
        if (err) throw err;
        fresh[r] = Number(value);
      });
      this.learn(JSON.stringify(fresh));
      await this.redis.publish(this.channel, JSON.stringify(fresh));
    } catch (err) {
      // Other instances may now serve an old answer until their entries expire; this one stops
      // serving from the cache until it reads the versions again.
      this.synced = false;
      this.logger.warn({ err: String(err), reads }, 'Could not invalidate public reads in Redis; entries expire within the TTL');
      this.syncSoon();
    }
  }

  private learn(message: string): void {
    let fresh: Record<string, unknown>;
    try {
      fresh = JSON.parse(message) as Record<string, unknown>;
    } catch {
      return;
    }
    for (const r of PUBLIC_READS) {
      const v = Number(fresh[r]);
      // Notices may arrive out of order: versions only grow.
      if (Number.isFinite(v) && v > this.versions.get(r)!) this.versions.set(r, v);
    }
  }

  private async sync(): Promise<void> {
    if (this.closed) return;
    // Until the shared client is ready its commands fail fast (no offline queue); its own 'ready'
    // reads the versions then. Trying now only logged a warning at every start.
    if (this.redis!.status !== 'ready') return;
    try {
      const all = await this.redis!.hgetall(this.versionsKey);
      // Redis is the authority here: after it lost its data, versions start again (and so do entries).
      for (const r of PUBLIC_READS) this.versions.set(r, Number(all[r] ?? 0));
      this.synced = true;
      this.syncFailing = false;
    } catch (err) {
      this.synced = false;
      if (!this.syncFailing) this.logger.warn({ err: String(err) }, 'Could not read public cache versions; serving public reads uncached until they are read');
      this.syncFailing = true;
      this.syncSoon();
    }
  }

  /** Reads the versions again in a second (once, however many failures ask for it). */
  private syncSoon(): void {
    if (this.closed) return;
    this.resync ??= setTimeout(() => {
      this.resync = null;
      void this.sync();
    }, 1000).unref();
  }
}
