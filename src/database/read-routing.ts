import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createPool, type Pool } from 'mysql2/promise';
import { DataSource, type ReplicationMode } from 'typeorm';
import { APP_CONFIG, type AppConfig, type DatabaseReplicas } from '../config/app-config.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
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
 * are never marked. Replicas are checked every `checkMs` (SHOW REPLICA STATUS): while any of
 * them is not replicating, is further behind than `maxLagMs` or cannot be reached, reads go to
 * the primary. Without replicas (SQLite, a single MariaDB) `fromReplica` just runs the read.
 */
@Injectable()
export class ReadRouting implements OnModuleInit, OnModuleDestroy {
  private readonly replicas: DatabaseReplicas | null;
  private readonly probes: Pool[] = [];
  private fresh = false;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  readonly counts: ReadCounts = { replica: 0, primary: 0, fallbacks: 0 };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.replicas = config.database.type === 'sqlite' ? null : (config.database.replicas ?? null);
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
    return this.replicas !== null && this.fresh;
  }

  /** A replica URL for pools of their own (public search), or null for the primary. */
  replicaUrl(): string | null {
    if (!this.replicasInUse) return null;
    const urls = this.replicas!.urls;
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

  /** A replica could not be reached: use the primary until the next check says otherwise. */
  replicaFailed(err: unknown): void {
    this.counts.fallbacks++;
    if (this.fresh) this.logger.warn({ err: (err as Error)?.message }, 'read replica unreachable; reading from the primary');
    this.fresh = false;
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
    const fresh = states.every((s) => s !== null && isFresh(s, maxLag));
    if (fresh !== this.fresh) {
      if (fresh) this.logger.info('read replicas fresh: public reads go to them');
      else this.logger.warn({ replicas: states.map((s) => s ?? 'unreachable'), maxLagMs: maxLag }, 'read replicas stale or unreachable: public reads go to the primary');
    }
    this.fresh = fresh;
  }
}
