import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';

/** The in-process test apps share the runner's heap and event loop: shedding would measure the tests. */
export const NO_LOAD_SHEDDING = { SHED_LOAD_EVENT_LOOP_DELAY_MS: '0', SHED_LOAD_HEAP_MB: '0' } as const;
import { createApp } from '../../src/app.factory.js';
import { Clock } from '../../src/common/clock.js';
import { createLogger } from '../../src/common/logger.js';
import { testDatabase, TEST_DB } from './test-db.js';
import type { TypedDocumentString } from '../gql/graphql.js';

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  clock: Clock;
  config: AppConfig;
  smsFile: string;
  baseUrl: string;
  /**
   * POST /graphql; returns the parsed body and status. A typed document (`graphql(...)` from
   * test/gql, generated from schema.gql) types the variables and the data; a plain string is for
   * documents a test sends malformed or invalid on purpose, and its data is `any`.
   */
  gql<R, V>(document: TypedDocumentString<R, V>, variables?: V, token?: string, headers?: Record<string, string>): Promise<GqlResult<Present<R>>>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GqlResult<T>>;
  /** The last code sent to a phone through the development SMS gateway. */
  lastCodeFor(phone: string): string;
  close(): Promise<void>;
}

/**
 * A typed result as a test reads it: every field present. A test asserts what it reads, so a null
 * where the test expected a value fails there at run time; what the types catch is a field the
 * schema does not have, or of another type.
 */
export type Present<T> = T extends readonly (infer U)[] ? Present<U>[] : T extends object ? { [K in keyof T]-?: Present<NonNullable<T[K]>> } : T;

/** A table of assorted documents (refusal and authorization tables), sent with `doc.toString()`: untyped. */
export type AnyDocument = TypedDocumentString<any, any>;

export interface GqlResult<T> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown }; path?: string[] }[];
  body: string;
}

/**
 * The whole application over HTTP (Fastify inject), on a fresh database: SQLite in memory,
 * or a new MariaDB database when TEST_DB=mysql. Returns null when MariaDB is not available
 * outside CI (the suite then skips with one line).
 */
export async function startTestApp(label: string, env: Record<string, string> = {}, options: { database?: AppConfig['database'] } = {}): Promise<TestApp | null> {
  // A database of the caller's: several instances sharing one (scale-out tests).
  const db = options.database ? { database: options.database, cleanup: async () => {} } : await testDatabase(label);
  if (!db) return null;
  const dir = mkdtempSync(join(tmpdir(), 'civicloop-'));
  const smsFile = join(dir, 'sms.log');
  // No load shedding: the api shares its heap and event loop with jest here.
  // Photos go to the test's own directory unless the test names a store.
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMS_FILE: smsFile, STORAGE_URL: join(dir, 'photos'), ...NO_LOAD_SHEDDING, ...env });
  // DB_POOL_SIZE and DB_QUEUE_LIMIT, when a test sets them, shape the test's MariaDB pool too.
  const database =
    db.database.type === 'sqlite' || options.database
      ? db.database
      : { ...db.database, ...(env.DB_POOL_SIZE && { poolSize: Number(env.DB_POOL_SIZE) }), ...(env.DB_QUEUE_LIMIT && { queueLimit: Number(env.DB_QUEUE_LIMIT) }) };
  const config: AppConfig = { ...base, database, migrationsRun: true, seedDemo: false };
  const clock = new Clock();
  const { app } = await createApp(config, { clock, logger: createLogger({ logLevel: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get(DataSource);
  return {
    app,
    dataSource,
    clock,
    config,
    smsFile,
    baseUrl,
    async gql(query: string | TypedDocumentString<unknown, unknown>, variables?: unknown, token?: string, headers: Record<string, string> = {}) {
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query: query.toString(), variables }),
      });
      const body = await res.text();
      const parsed = JSON.parse(body);
      return { status: res.status, data: parsed.data, errors: parsed.errors, body };
    },
    lastCodeFor(phone) {
      const lines = readFileSync(smsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const mine = lines.filter((l) => l.to === phone && l.template === 'LOGIN_CODE');
      if (!mine.length) throw new Error(`no code was sent to ${phone}`);
      return mine.at(-1).params.code;
    },
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}

export const describeDb = (name: string) => `${name} [${TEST_DB}]`;
