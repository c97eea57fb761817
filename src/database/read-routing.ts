import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createPool, type Pool } from 'mysql2/promise';
import { DataSource, type ReplicationMode } from 'typeorm';
import type { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver.js';
import { APP_CONFIG, type AppConfig, type DatabaseReplicas } from '../config/app-config.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import type { Actor } from '../auth/actor.js';
import { isConnectionFailure, isFresh, replicaState } from './replica-freshness.js';

const readScope = new AsyncLocalStorage<ReplicationMode>();

/**
 * The application's DataSource when replicas are configured: a SELECT outside a transaction goes
 * to a replica only inside `ReadRouting.fromReplica`; everything else (writes, transactions, raw
 * queries, and every read not explicitly routed) goes to the primary.
 */
export class RoutedDataSource extends DataSource {
  override defaultReplicationModeForReads(): ReplicationMode {
    return readScope.getStore() ?? 'master';
  }
}

export interface ReadCounts {
  /** Reads run in a replica scope. */
  replica: number;
  /** Reads that could have gone to a replica but went to the primary (none configured, or stale). */
  primary: number;
  /** Replica reads that failed to connect and were run again on the primary. */
  fallbacks: number;
}

/**
 * The one place that decides which reads may go to a replica. Callers mark reads that tolerate a
 * few seconds of staleness — public pages, search, statistics, rankings, exports — with
 * `fromReplica`; a caller's own items, inboxes and every write stay on the primary because they
 * are never marked. Replicas are checked every `checkMs` (SHOW REPLICA STATUS), each on its own:
 * one that is not replicating, is further behind than `maxLagMs` or cannot be reached leaves
 * TypeORM's pool cluster until a check finds it fresh again, and the others keep serving; with
 * none fresh, reads go to the primary. Without replicas (SQLite, a single MariaDB) `fromReplica`
 * just runs the read.
 */
@Injectable()
export class ReadRouting implements OnModuleInit, OnModuleDestroy {
  private readonly replicas: DatabaseReplicas | null;
  private readonly probes: Pool[] = [];
  /** Per replica (in DATABASE_REPLICA_URLS order): what the last check found. */
  private fresh: boolean[] = [];
  /** Per replica: whether its node is in TypeORM's pool cluster (the nodes `SLAVE*` reads pick from). */
  private serving: boolean[] = [];
  /** Set by a failed replica read: no replica until the next check (which one failed is unknown). */
  private suspended = false;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  readonly counts: ReadCounts = { replica: 0, primary: 0, fallbacks: 0 };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(DataSource) private readonly dataSource: DataSource | null = null,
  ) {
    this.replicas = config.database.type === 'sqlite' ? null : (config.database.replicas ?? null);
    this.serving = this.replicas?.urls.map(() => true) ?? []; // TypeORM adds every replica at connect
    this.fresh = this.replicas?.urls.map(() => false) ?? [];
  }

  async onModuleInit(): Promise<void> {
    if (!this.replicas) return;
    for (const uri of this.replicas.urls) {
      this.probes.push(createPool({ uri, connectionLimit: 1, maxIdle: 1, connectTimeout: 1000, waitForConnections: true, queueLimit: 1 }));
    }
    await this.check();
    const loop = () => {
      this.timer = setTimeout(() => void this.check().finally(() => this.timer && loop()), this.replicas!.checkMs);
      this.timer.unref();
    };
    loop();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.checking?.catch(() => undefined);
    await Promise.all(this.probes.splice(0).map((p) => p.end().catch(() => undefined)));
  }

  /** Whether reads marked `fromReplica` go to a replica right now. */
  get replicasInUse(): boolean {
    return this.replicas !== null && !this.suspended && this.fresh.some(Boolean);
  }

  /** How many replicas serve reads right now. */
  get freshReplicas(): number {
    return this.replicasInUse ? this.fresh.filter(Boolean).length : 0;
  }

  /** A fresh replica's URL for pools of their own (public search), or null for the primary. */
  replicaUrl(): string | null {
    if (!this.replicasInUse) return null;
    const urls = this.replicas!.urls.filter((_, i) => this.fresh[i]);
    return urls[Math.floor(Math.random() * urls.length)]!;
  }

  /**
   * Runs `read` with its SELECTs on a replica when they are fresh, else on the primary. Only for
   * reads that may be up to the lag bound stale; a replica that fails mid-read sends this read
   * (again, in full) and the following ones to the primary until the next check finds it fresh.
   */
  async fromReplica<T>(read: () => Promise<T>): Promise<T> {
    if (!this.replicasInUse) {
      if (this.replicas) this.counts.primary++;
      return read();
    }
    this.counts.replica++;
    try {
      return await readScope.run('slave', read);
    } catch (err) {
      if (!isConnectionFailure(err)) throw err;
      this.replicaFailed(err);
      return read();
    }
  }

  /**
   * For public data that only staff write (campaigns, units): a staff caller may have just
   * changed it and must see that, so reads the primary; residents and the public may read a
   * replica.
   */
  fromReplicaUnlessStaff<T>(actor: Actor, read: () => Promise<T>): Promise<T> {
    return actor.kind === 'staff' ? read() : this.fromReplica(read);
  }

  /** A replica could not be reached: use the primary until the next check says otherwise. */
  replicaFailed(err: unknown): void {
    this.counts.fallbacks++;
    if (!this.suspended) this.logger.warn({ err: (err as Error)?.message }, 'read replica unreachable; reading from the primary until the next check');
    this.suspended = true;
  }

  /** Asks every replica how far behind it is; fresh only if all of them are within the bound. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => (this.checking = null));
    return this.checking;
  }

  /**
   * SHOW REPLICA STATUS (MySQL ≥ 8.0.22, where 8.4 dropped the old form; MariaDB ≥ 10.5.1), else
   * SHOW SLAVE STATUS (older servers); replica-freshness.ts reads either's column names.
   */
  private async replicaStatus(pool: Pool): Promise<Record<string, unknown> | undefined> {
    try {
      const [rows] = await pool.query('SHOW REPLICA STATUS');
      return (rows as Record<string, unknown>[])[0];
    } catch (err) {
      if ((err as { code?: string }).code !== 'ER_PARSE_ERROR') throw err;
      const [rows] = await pool.query('SHOW SLAVE STATUS');
      return (rows as Record<string, unknown>[])[0];
    }
  }

  private async checkOnce(): Promise<void> {
    if (!this.replicas) return;
    const maxLag = this.replicas.maxLagMs;
    const states = await Promise.all(
      this.probes.map(async (pool) => {
        try {
          return replicaState(await this.replicaStatus(pool));
        } catch {
          return null;
        }
      }),
    );
    const fresh = states.map((s) => s !== null && isFresh(s, maxLag));
    fresh.forEach((isNowFresh, i) => {
      if (isNowFresh === this.fresh[i]) return;
      const url = redactUrl(this.replicas!.urls[i]!);
      if (isNowFresh) this.logger.info({ replica: url }, 'read replica fresh: public reads may go to it');
      else this.logger.warn({ replica: url, state: states[i] ?? 'unreachable', maxLagMs: maxLag }, 'read replica stale or unreachable: public reads leave it');
    });
    this.fresh = fresh;
    fresh.forEach((isNowFresh, i) => this.serve(i, isNowFresh));
    this.suspended = false;
  }

  /**
   * Adds or removes replica `index` in TypeORM's pool cluster, whose nodes are named `SLAVE<i>` in
   * the order of `replication.slaves` (data-source-options.ts). A removed node's pool is closed;
   * a read on it fails as a connection failure and runs again on the primary.
   */
  private serve(index: number, on: boolean): void {
    if (this.serving[index] === on) return;
    const driver = this.dataSource?.driver as MysqlDriver | undefined;
    const cluster = driver?.poolCluster as
      | { add(id: string, config: unknown): void; remove(pattern: string): void; _nodes?: Record<string, { pool: { end(cb?: (err?: Error) => void): void } }> }
      | undefined;
    const slave = driver?.options.replication?.slaves[index];
    if (!driver || !cluster || !slave) return;
    if (on) {
      // The options TypeORM gave the node at connect (protected, and synchronous in TypeORM 1.1
      // whatever its typings say); test:scale's replica scenario fails if that ever changes.
      const options = (driver as unknown as { createConnectionOptions(o: unknown, c: unknown): unknown }).createConnectionOptions(driver.options, slave);
      if (options instanceof Promise) throw new Error('TypeORM createConnectionOptions became asynchronous: update ReadRouting.serve');
      cluster.add(`SLAVE${index}`, options);
    } else {
      // mysql2's cluster closes a removed node's pool with `pool.end()` and no callback, whose
      // default throws the first close error: a connection to a killed replica failing to close
      // became an uncaught exception that ended the process (seen once in test:scale's replica run).
      // The pool is closed with a callback here, so such an error is logged instead.
      const pool = cluster._nodes?.[`SLAVE${index}`]?.pool;
      if (pool) {
        const end = pool.end.bind(pool);
        pool.end = (cb) => end(cb ?? ((err) => err && this.logger.warn({ err: err.message }, 'closing a read replica pool failed')));
      }
      cluster.remove(`SLAVE${index}`);
    }
    this.serving[index] = on;
  }
}

/** A replica URL for logs: no password. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'replica';
  }
}
