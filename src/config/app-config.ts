import { z } from 'zod';
import proxyAddr from '@fastify/proxy-addr';
import { parseStorageUrl, type StorageConfig } from './storage-url.js';
import { DEFAULT_PASSWORD_HASH_COST, PRODUCTION_PASSWORD_HASH_FLOOR, TEST_PASSWORD_HASH_COST, type PasswordHashCost } from '../auth/password-cost.js';

// Development defaults. Production refuses to start while any of them is in use.
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789';
export const DEV_PII_ENCRYPTION_KEY = 'ZGV2LW9ubHktcGlpLWVuY3J5cHRpb24ta2V5LTMyYiE='; // 32 bytes, base64
export const DEV_PII_HASH_KEY = 'dev-only-pii-hash-key-change-me';
export const DEV_WEBHOOK_SECRET = 'dev-only-webhook-secret';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const base64Key32 = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, {
  message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
});

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // The worker's /health and /metrics; give each worker on one host its own.
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  // argon2id cost of staff passwords; defaults to argon2's own (64 MiB, 3 passes, 4 lanes), and
  // production refuses less than OWASP's floor (19456 KiB, 2 passes).
  PASSWORD_HASH_MEMORY_KIB: z.coerce.number().int().min(8).max(4_194_304).optional(),
  PASSWORD_HASH_TIME_COST: z.coerce.number().int().min(1).max(100).optional(),
  PASSWORD_HASH_PARALLELISM: z.coerce.number().int().min(1).max(64).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'must be a mysql:// or mariadb:// URL (leave unset for the embedded SQLite mode)')
    .optional(),
  // Read replicas of DATABASE_URL (same scheme, comma-separated): public pages, search, statistics,
  // rankings and exports read from them while they are fresh (src/database/read-routing.ts).
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every((u) => /^(mysql|mariadb):\/\//.test(u)), { message: 'must be a comma-separated list of mysql:// or mariadb:// URLs' }),
  // A replica further behind than this (or not replicating, or unreachable) is not read from.
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  REPLICA_CHECK_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  SQLITE_PATH: z.string().default('./data/civicloop.sqlite'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  // Requests waiting for a pooled connection beyond this are refused (503) rather than queued
  // in memory without bound; 0 = no bound.
  DB_QUEUE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(200),
  // Public search runs on its own small pool, so however many searches arrive they cannot take
  // the connections submissions use; each search statement is cut off after SEARCH_TIMEOUT_MS.
  SEARCH_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
  SEARCH_QUEUE_LIMIT: z.coerce.number().int().min(0).max(10_000).default(16),
  SEARCH_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1500),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  // Instead of REDIS_URL: seed nodes of a Redis Cluster (host:port, comma-separated).
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every((n) => /^[^\s:]+:\d{1,5}$/.test(n)), { message: 'must be a comma-separated list of host:port' }),
  JOBS_DRIVER: z.enum(['sql', 'bullmq']).optional(),
  RUN_JOBS_IN_API: bool.optional(),
  MIGRATIONS_RUN: bool.optional(),
  SEED_DEMO: bool.optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
  JWT_ISSUER: z.string().default('civicloop'),
  JWT_AUDIENCE: z.string().default('civicloop-api'),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  PII_ENCRYPTION_KEY: base64Key32.default(DEV_PII_ENCRYPTION_KEY),
  PII_HASH_KEY: z.string().min(16, 'must be at least 16 characters').default(DEV_PII_HASH_KEY),
  WEBHOOK_URL: z.string().url().optional(),
  WEBHOOK_SECRET: z.string().min(16).default(DEV_WEBHOOK_SECRET),
  SMS_FILE: z.string().default('./data/sms-outbox.log'),
  SUBMISSIONS_PER_DAY: z.coerce.number().int().min(1).max(1000).default(10),
  PUBLIC_URL: z.string().default('http://localhost:3000'),
  // The built web portal (npm run build:web); the api serves it at / with a history fallback.
  WEB_DIST_DIR: z.string().default('./web/dist'),
  // Load shedding (@fastify/under-pressure): answer 503 + Retry-After instead of queueing
  // without bound. 0 switches a check off; tests that share the api's process switch both off.
  // The heap check is off by default: V8 lets garbage pile up well past the live size before a
  // major collection, so a fixed bound sheds healthy traffic; set it near the container's limit.
  SHED_LOAD_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  SHED_LOAD_HEAP_MB: z.coerce.number().int().min(0).max(65_536).default(0),
  // Proxies whose X-Forwarded-For is believed (addresses, CIDRs, or proxy-addr's names such as
  // `loopback`). Empty: the socket's peer is the client, whatever the header says.
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine(
      (list) => {
        try {
          proxyAddr.compile(list);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be a comma-separated list of IP addresses or CIDRs (e.g. 10.0.0.0/8,127.0.0.1)' },
    ),
  // Anonymous public reads (feed, item page, rankings, statistics) served from a cache that the
  // changes behind them invalidate (src/public-cache/); shared through Redis when REDIS_URL is set.
  // The TTL only bounds how long an entry outlives a lost invalidation notice.
  PUBLIC_CACHE: bool.default(true),
  PUBLIC_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  // Distinct requests kept in process memory in embedded mode (a feed page is 5–20 KB).
  PUBLIC_CACHE_MAX_ENTRIES: z.coerce.number().int().min(16).max(1_000_000).default(2000),
  // /metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`; without it, only outside production.
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  // Where photos live (docs/photos.md): a directory (or file:///dir), or an S3-compatible bucket
  // s3://KEY:SECRET@host:port/bucket?region=..&forcePathStyle=true (https unless ?tls=false).
  STORAGE_URL: z
    .string()
    .default('./data/photos')
    .refine((v) => parseStorageUrl(v) !== null, {
      message: 'must be a directory, file:///dir, or s3://KEY:SECRET@host[:port]/bucket[?region=..&forcePathStyle=true&tls=false]',
    }),
});

export type AppConfig = Readonly<{
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  host: string;
  port: number;
  workerPort: number;
  logLevel: string;
  mode: 'embedded' | 'production';
  database:
    | { type: 'sqlite'; path: string }
    | { type: 'mysql' | 'mariadb'; url: string; poolSize: number; queueLimit?: number; replicas?: DatabaseReplicas };
  redisUrl?: string;
  /** Seed nodes of a Redis Cluster, used instead of redisUrl. */
  redisCluster?: readonly { host: string; port: number }[];
  jobs: { driver: 'sql' | 'bullmq'; runInApi: boolean };
  migrationsRun: boolean;
  seedDemo: boolean;
  passwordHashCost: PasswordHashCost;
  jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number };
  pii: { encryptionKey: Buffer; hashKey: string };
  webhook: { url?: string; secret: string };
  smsFile: string;
  submissionsPerDay: number;
  search: { poolSize: number; queueLimit: number; timeoutMs: number };
  publicUrl: string;
  webDistDir: string;
  shedLoad: { maxEventLoopDelayMs: number; maxHeapUsedMb: number };
  trustedProxies: readonly string[];
  metricsToken?: string;
  publicCache: { enabled: boolean; ttlSeconds: number; maxEntries: number };
  storage: StorageConfig;
}>;

/** Read replicas and the bound beyond which they are not read from. */
export type DatabaseReplicas = Readonly<{ urls: readonly string[]; maxLagMs: number; checkMs: number }>;

export class ConfigError extends Error {}

/** Parses and validates the environment once; nothing else in the code base reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const mode = e.DATABASE_URL ? 'production' : 'embedded';
  const hasRedis = Boolean(e.REDIS_URL) || e.REDIS_CLUSTER_NODES.length > 0;
  const driver = e.JOBS_DRIVER ?? (hasRedis ? 'bullmq' : 'sql');
  if (driver === 'bullmq' && !hasRedis) {
    throw new ConfigError('Invalid configuration:\n  JOBS_DRIVER: bullmq needs REDIS_URL or REDIS_CLUSTER_NODES');
  }
  if (e.REDIS_URL && e.REDIS_CLUSTER_NODES.length) {
    throw new ConfigError('Invalid configuration:\n  REDIS_CLUSTER_NODES: set either REDIS_URL or REDIS_CLUSTER_NODES, not both');
  }
  if (e.DATABASE_REPLICA_URLS.length && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_REPLICA_URLS: replicas need DATABASE_URL (the primary)');
  }
  const baseCost = e.NODE_ENV === 'test' ? TEST_PASSWORD_HASH_COST : DEFAULT_PASSWORD_HASH_COST;
  const passwordHashCost: PasswordHashCost = Object.freeze({
    memoryKib: e.PASSWORD_HASH_MEMORY_KIB ?? baseCost.memoryKib,
    timeCost: e.PASSWORD_HASH_TIME_COST ?? baseCost.timeCost,
    parallelism: e.PASSWORD_HASH_PARALLELISM ?? baseCost.parallelism,
  });
  if (isProduction && (passwordHashCost.memoryKib < PRODUCTION_PASSWORD_HASH_FLOOR.memoryKib || passwordHashCost.timeCost < PRODUCTION_PASSWORD_HASH_FLOOR.timeCost)) {
    throw new ConfigError(
      `Invalid configuration:\n  PASSWORD_HASH_MEMORY_KIB / PASSWORD_HASH_TIME_COST: production needs at least ${PRODUCTION_PASSWORD_HASH_FLOOR.memoryKib} KiB and ${PRODUCTION_PASSWORD_HASH_FLOOR.timeCost} passes (OWASP's argon2id minimum)`,
    );
  }
  if (isProduction) {
    const defaults: string[] = [];
    if (e.JWT_SECRET === DEV_JWT_SECRET) defaults.push('JWT_SECRET');
    if (e.PII_ENCRYPTION_KEY === DEV_PII_ENCRYPTION_KEY) defaults.push('PII_ENCRYPTION_KEY');
    if (e.PII_HASH_KEY === DEV_PII_HASH_KEY) defaults.push('PII_HASH_KEY');
    if (e.WEBHOOK_URL && e.WEBHOOK_SECRET === DEV_WEBHOOK_SECRET) defaults.push('WEBHOOK_SECRET');
    if (defaults.length) {
      throw new ConfigError(
        `Refusing to start in production with development defaults for: ${defaults.join(', ')}`,
      );
    }
  }
  return Object.freeze({
    env: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    workerPort: e.WORKER_PORT,
    logLevel: e.LOG_LEVEL,
    mode,
    database: e.DATABASE_URL
      ? {
          // The scheme picks TypeORM's dialect: MariaDB reports column defaults differently.
          type: e.DATABASE_URL.startsWith('mariadb:') ? ('mariadb' as const) : ('mysql' as const),
          url: e.DATABASE_URL.replace(/^mariadb:/, 'mysql:'),
          poolSize: e.DB_POOL_SIZE,
          queueLimit: e.DB_QUEUE_LIMIT,
          ...(e.DATABASE_REPLICA_URLS.length && {
            replicas: {
              urls: Object.freeze(e.DATABASE_REPLICA_URLS.map((u) => u.replace(/^mariadb:/, 'mysql:'))),
              maxLagMs: e.REPLICA_MAX_LAG_MS,
              checkMs: e.REPLICA_CHECK_MS,
            },
          }),
        }
      : { type: 'sqlite' as const, path: e.SQLITE_PATH },
    redisUrl: e.REDIS_URL,
    ...(e.REDIS_CLUSTER_NODES.length && {
      redisCluster: Object.freeze(
        e.REDIS_CLUSTER_NODES.map((n) => {
          const i = n.lastIndexOf(':');
          return { host: n.slice(0, i), port: Number(n.slice(i + 1)) };
        }),
      ),
    }),
    // The SQL driver runs jobs inside the api process; with BullMQ a separate worker does.
    jobs: { driver, runInApi: e.RUN_JOBS_IN_API ?? driver === 'sql' },
    migrationsRun: e.MIGRATIONS_RUN ?? mode === 'embedded',
    seedDemo: e.SEED_DEMO ?? (mode === 'embedded' && !isProduction),
    passwordHashCost,
    jwt: { secret: e.JWT_SECRET, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, ttlSeconds: e.JWT_TTL_SECONDS },
    pii: { encryptionKey: Buffer.from(e.PII_ENCRYPTION_KEY, 'base64'), hashKey: e.PII_HASH_KEY },
    webhook: { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET },
    smsFile: e.SMS_FILE,
    submissionsPerDay: e.SUBMISSIONS_PER_DAY,
    search: { poolSize: e.SEARCH_POOL_SIZE, queueLimit: e.SEARCH_QUEUE_LIMIT, timeoutMs: e.SEARCH_TIMEOUT_MS },
    publicUrl: e.PUBLIC_URL,
    webDistDir: e.WEB_DIST_DIR,
    shedLoad: { maxEventLoopDelayMs: e.SHED_LOAD_EVENT_LOOP_DELAY_MS, maxHeapUsedMb: e.SHED_LOAD_HEAP_MB },
    trustedProxies: Object.freeze(e.TRUSTED_PROXIES),
    metricsToken: e.METRICS_TOKEN,
    publicCache: { enabled: e.PUBLIC_CACHE, ttlSeconds: e.PUBLIC_CACHE_TTL_SECONDS, maxEntries: e.PUBLIC_CACHE_MAX_ENTRIES },
    storage: parseStorageUrl(e.STORAGE_URL)!,
  });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
