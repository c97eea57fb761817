import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { sqliteDriverFor } from './sqlite-driver.js';

/** TypeORM options for the configured database. Never `synchronize`: migrations own the schema. */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (config.database.type === 'sqlite') {
    const path = config.database.path;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      driver: sqliteDriverFor(),
      database: path,
      // WAL lets readers proceed while the single writer commits.
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  const replicas = config.database.replicas;
  return {
    ...common,
    type: config.database.type,
    url: config.database.url,
    // With replicas every read goes to the primary unless ReadRouting marks it (read-routing.ts).
    ...(replicas?.urls.length && {
      replication: {
        master: { url: config.database.url },
        slaves: replicas.urls.map((url) => ({ url })),
        defaultMode: 'master' as const,
        // A replica that failed comes back into the pool after a while instead of never (mysql2's default).
        restoreNodeTimeout: 1000,
        removeNodeErrorCount: 1,
        canRetry: true,
      },
    }),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: config.database.poolSize,
    // mysql2 captures a stack trace before every query to put the caller's frames on an error
    // (2–3 % of a hot page's CPU in the bench profiles). Errors still carry the SQL and the request id.
    trace: false,
    extra: { connectionLimit: config.database.poolSize, waitForConnections: true, queueLimit: config.database.queueLimit ?? 0 },
  };
}
