import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';

/** The benchmark's own database and Redis logical database; nothing else uses them. */
export const BENCH_DATABASE = 'civicloop_bench';
const MYSQL_ROOT = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11';

export interface BenchEnvironment {
  /** The benchmark's database (dropped and recreated by `freshDatabase`). */
  database: string;
  /** Environment of the api, worker and scoring children: production mode, fresh secrets. */
  childEnv: Record<string, string>;
  /** The same, parsed by the platform's own config loader. */
  config: AppConfig;
  databaseUrl: string;
  redisUrl: string;
  outDir: string;
}

/**
 * Production mode with secrets made for this run (production refuses the development
 * defaults). Generated residents' phones are encrypted with the same keys the api uses.
 */
export function benchEnvironment(outDir: string, webhookUrl: string, database = BENCH_DATABASE): BenchEnvironment {
  if (!/^\w+$/.test(database)) throw new Error(`not a database name: ${database}`);
  if (/\/0$/.test(REDIS_URL) || !/\/\d+$/.test(REDIS_URL)) throw new Error('BENCH_REDIS_URL must name a Redis database other than 0, e.g. redis://127.0.0.1:6379/11');
  mkdirSync(outDir, { recursive: true });
  const databaseUrl = `${MYSQL_ROOT.replace(/^mysql:/, 'mariadb:').replace(/\/$/, '')}/${database}`;
  const childEnv: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // The load generator on loopback stands in for the proxy that names each simulated client.
    TRUSTED_PROXIES: '127.0.0.1',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    // Long enough that tokens minted at the start outlive a full run.
    JWT_TTL_SECONDS: '86400',
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(24).toString('base64url'),
    // Notifications (and sign-in codes) leave through a local sink standing in for the gateway.
    WEBHOOK_URL: webhookUrl,
    WEBHOOK_SECRET: randomBytes(24).toString('base64url'),
    SMS_FILE: join(outDir, 'sms-outbox.log'),
    PUBLIC_URL: 'http://127.0.0.1',
  };
  return { database, childEnv, config: loadConfig(childEnv), databaseUrl, redisUrl: REDIS_URL, outDir };
}

export function mysqlAdmin(): Promise<Connection> {
  return createConnection({ uri: MYSQL_ROOT, multipleStatements: false });
}

/** Drops and recreates the benchmark database (utf8mb4) and applies every migration. */
export async function freshDatabase(env: BenchEnvironment): Promise<void> {
  const admin = await mysqlAdmin();
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${env.database}\``);
    await admin.query(`CREATE DATABASE \`${env.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const ds = new DataSource({ ...dataSourceOptions(env.config), migrationsTransactionMode: 'each' });
  await ds.initialize();
  try {
    await ds.runMigrations();
  } finally {
    await ds.destroy();
  }
}

export async function dropDatabase(env: Pick<BenchEnvironment, 'database'>): Promise<void> {
  const admin = await mysqlAdmin();
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${env.database}\``);
  } finally {
    await admin.end();
  }
}

/** Empties the benchmark's Redis database (queues, rate-limit counters); never database 0. */
export async function flushBenchRedis(env: BenchEnvironment): Promise<void> {
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/** A mysql2 connection to the benchmark database, allowed to LOAD DATA LOCAL INFILE. */
export function benchConnection(env: Pick<BenchEnvironment, 'database'>): Promise<Connection> {
  return createConnection({ uri: `${MYSQL_ROOT.replace(/\/$/, '')}/${env.database}`, timezone: 'Z', dateStrings: false, supportBigNumbers: true });
}
