import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { FEATURE_MODULES } from '../../src/app.module.js';
import { AuthModule } from '../../src/auth/auth.module.js';
import { Clock } from '../../src/common/clock.js';
import { createLogger } from '../../src/common/logger.js';
import { CommonModule } from '../../src/common/logger.module.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { HealthModule } from '../../src/health/health.module.js';
import { PublicCacheModule } from '../../src/public-cache/public-cache.module.js';
import { RedisModule } from '../../src/redis/redis.module.js';
import { NO_LOAD_SHEDDING } from './test-app.js';
import { testDatabase } from './test-db.js';

/**
 * The "medium" test tier (docs/architecture.md, "Test tiers"): the real services on a real,
 * migrated database — SQLite in memory, or a fresh MariaDB database with TEST_DB=mysql — and no
 * HTTP or GraphQL. A Nest testing module with the infrastructure modules (the health module
 * for its metrics) and every feature module, as AppModule has them, minus the GraphQL layer; background jobs do not start (test
 * config), so a test reads the outbox rows a command wrote instead of racing a worker.
 * Tests call services with an Actor, as resolvers do, and the `given` factories work on it.
 */
export interface Medium {
  app: TestingModule;
  dataSource: DataSource;
  clock: Clock;
  config: AppConfig;
  close(): Promise<void>;
}

/** Returns null when MariaDB is not available outside CI (the suite then skips, as startTestApp does). */
export async function startMedium(label: string, env: Record<string, string> = {}): Promise<Medium | null> {
  const db = await testDatabase(`m_${label}`);
  if (!db) return null;
  const dir = mkdtempSync(join(tmpdir(), 'civicloop-medium-'));
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMS_FILE: join(dir, 'sms.log'), STORAGE_URL: join(dir, 'photos'), ...NO_LOAD_SHEDDING, ...env });
  const config: AppConfig = { ...base, database: db.database, migrationsRun: true, seedDemo: false };
  const clock = new Clock();
  const app = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), CommonModule.forRoot(createLogger({ logLevel: 'silent' }), clock), DatabaseModule, RedisModule, PublicCacheModule, HealthModule, AuthModule, ...FEATURE_MODULES],
  }).compile();
  try {
    await app.init();
  } catch (err) {
    await app.close().catch(() => undefined);
    await db.cleanup();
    throw err;
  }
  return {
    app,
    dataSource: app.get(DataSource),
    clock,
    config,
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}
