import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { createPool, type Pool } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { RateLimitedError, ValidationError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { msg } from '../common/i18n/message.js';
import { ReadRouting } from '../database/read-routing.js';
import { isConnectionFailure } from '../database/replica-freshness.js';

/**
 * Refusals that mean "too broad to answer within bounds": MariaDB's max_statement_time (1969, no
 * code name in mysql2), MySQL's MAX_EXECUTION_TIME (3024), and InnoDB's full-text result cache
 * limit (188, HA_ERR_FTS_EXCEED_RESULT_CACHE_LIMIT; measured with three common words at 200,000 rows).
 */
const TOO_BROAD = new Set([1969, 3024, 188]);

export class SearchTooBroadError extends ValidationError {
  constructor() {
    super(msg('search.tooBroad'), 'query');
  }
}

/**
 * Where anonymous full-text search runs on MySQL/MariaDB: a small pool of its own, so any
 * number of searches (12 aliases in one request, or a crowd) queue here and never take the
 * connections submissions and staff work use; past its queue they are refused as RATE_LIMITED.
 * Each statement is cut off by the server after `search.timeoutMs`. In embedded mode
 * (SQLite, one connection) statements go through the application's DataSource.
 */
@Injectable()
export class PublicSearchPool implements OnModuleDestroy {
  private readonly pool: Pool | null;
  /** One pool per read replica, made when first used; the same bounds as the primary's. */
  private readonly replicaPools = new Map<string, Pool>();
  private readonly timeoutMs: number;
  private readonly mariadb: boolean;
  private readonly poolOptions;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(ReadRouting) private readonly routing: ReadRouting | null = null,
  ) {
    this.timeoutMs = config.search.timeoutMs;
    this.mariadb = config.database.type === 'mariadb';
    this.poolOptions = {
      connectionLimit: config.search.poolSize,
      maxIdle: config.search.poolSize,
      queueLimit: config.search.queueLimit,
      waitForConnections: true,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      trace: false, // no stack captured per query, as the main pool (data-source-options.ts)
    };
    this.pool = config.database.type === 'sqlite' ? null : createPool({ uri: config.database.url, ...this.poolOptions });
  }

  /** A fresh replica's pool when ReadRouting allows one, else the primary's. */
  private poolForRead(): { pool: Pool; replica: boolean } {
    const url = this.routing?.replicaUrl();
    if (!url) return { pool: this.pool!, replica: false };
    let pool = this.replicaPools.get(url);
    if (!pool) this.replicaPools.set(url, (pool = createPool({ uri: url, ...this.poolOptions })));
    return { pool, replica: true };
  }

  /** One read-only SELECT of public search (`?` placeholders), bounded in time; raw rows. */
  async select<T>(sql: string, params: unknown[]): Promise<T[]> {
    if (!this.pool) return this.dataSource.query(sql, params);
    const { pool, replica } = this.poolForRead();
    try {
      const [rows] = await pool.query(this.bounded(sql), params);
      return rows as T[];
    } catch (err) {
      if (replica && isConnectionFailure(err)) {
        this.routing!.replicaFailed(err);
        return this.select(sql, params);
      }
      const e = err as { errno?: number; message?: string };
      if (e.errno && TOO_BROAD.has(e.errno)) throw new SearchTooBroadError();
      if (e.message === 'Queue limit reached.') throw new RateLimitedError(msg('search.busy'), 1);
      throw err;
    }
  }

  private bounded(sql: string): string {
    if (!/^\s*SELECT\b/i.test(sql)) throw new Error('public search runs SELECT statements only');
    return this.mariadb
      ? `SET STATEMENT max_statement_time = ${this.timeoutMs / 1000} FOR ${sql}`
      : sql.replace(/^\s*SELECT\b/i, `SELECT /*+ MAX_EXECUTION_TIME(${this.timeoutMs}) */`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
    await Promise.all([...this.replicaPools.values()].map((p) => p.end()));
  }
}
