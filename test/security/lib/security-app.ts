import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../../../src/app.factory.js';
import { Clock } from '../../../src/common/clock.js';
import { loadConfig, type AppConfig } from '../../../src/config/app-config.js';
import { testDatabase } from '../../helpers/test-db.js';
import { NO_LOAD_SHEDDING } from '../../helpers/test-app.js';
import { LeakScanner, PiiScanner } from './scanners.js';

export interface GqlResponse<T = any> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown }; path?: (string | number)[] }[];
  body: string;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A response of an audited reveal (revealContact, exportMyData): exempt from the personal-data scan. */
  audited?: boolean;
}

/**
 * The whole application over real HTTP on 127.0.0.1, with its log captured (pino at debug)
 * and every response scanned for personal data and internals as it arrives.
 */
export interface SecurityApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  clock: Clock;
  config: AppConfig;
  baseUrl: string;
  smsFile: string;
  /** Log lines the application wrote. */
  logs: string[];
  pii: PiiScanner;
  leaks: LeakScanner;
  /** Responses seen (and scanned). */
  responses: number;
  /** Responses with an HTTP status of 500 or more. */
  status5xx: number;
  /** Sends a raw body to /graphql; the response is scanned (`leaked`: it showed internals). */
  post(body: string, options?: RequestOptions): Promise<{ status: number; body: string; leaked: boolean }>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GqlResponse<T>>;
  /** The last code sent to a phone (SMS file in development, webhook sink in production). */
  lastCodeFor(phone: string): string;
  /** Every one-time code sent so far. */
  codesSent(): string[];
  /** Scans the log captured since the last call and settles the codes sent; returns the new hits. */
  scanLogs(): number;
  close(): Promise<void>;
}

export interface SecurityAppOptions {
  /** Extra environment for loadConfig (e.g. REDIS_URL). */
  env?: Record<string, string>;
  /** NODE_ENV=production with fresh secrets and a webhook SMS gateway on loopback. */
  production?: boolean;
  /** A database of the caller's (the fault runner's private MariaDB); else a fresh test database. */
  database?: AppConfig['database'];
  /** Hook on every exchange (the fuzzer counts with it). */
  onExchange?: (request: string, status: number, body: string) => void;
}

interface SentMessage {
  to: string;
  template: string;
  params: Record<string, string>;
}

/** A loopback HTTP server standing in for the SMS/WeChat gateway webhook. */
async function startWebhookSink(): Promise<{ url: string; messages: SentMessage[]; server: Server }> {
  const messages: SentMessage[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        messages.push(JSON.parse(body));
      } catch {
        // not a message
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/sms`, messages, server };
}

export async function startSecurityApp(label: string, options: SecurityAppOptions = {}): Promise<SecurityApp | null> {
  const db = options.database ? { database: options.database, cleanup: async () => {} } : await testDatabase(label);
  if (!db) return null;
  const dir = mkdtempSync(join(tmpdir(), 'civicloop-sec-'));
  const smsFile = join(dir, 'sms.log');
  const sink = options.production ? await startWebhookSink() : null;
  const productionEnv: Record<string, string> = options.production
    ? {
        NODE_ENV: 'production',
        // The test client on loopback stands in for the proxy that names each caller's address.
        TRUSTED_PROXIES: '127.0.0.1',
        JWT_SECRET: randomBytes(32).toString('hex'),
        PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        PII_HASH_KEY: randomBytes(24).toString('hex'),
        WEBHOOK_URL: sink!.url,
        WEBHOOK_SECRET: randomBytes(24).toString('hex'),
      }
    : { NODE_ENV: 'test' };
  // Logs at the production level (info) unless told otherwise: what operators would keep.
  const base = loadConfig({ LOG_LEVEL: 'info', SMS_FILE: smsFile, ...NO_LOAD_SHEDDING, ...productionEnv, ...options.env });
  const config: AppConfig = { ...base, database: db.database, migrationsRun: true, seedDemo: false };

  const logs: string[] = [];
  let logsScanned = 0;
  // The application's logger options (src/common/logger.ts) with a destination we can read.
  const logger = pino(
    {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
      base: { service: 'civicloop' },
    },
    { write: (line: string) => void logs.push(line) },
  );
  const clock = new Clock();
  const { app } = await createApp(config, { clock, logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const pii = new PiiScanner();
  const leaks = new LeakScanner();

  const sentMessages = (): SentMessage[] => {
    if (sink) return sink.messages;
    if (!existsSync(smsFile)) return [];
    return readFileSync(smsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  };

  const self: SecurityApp = {
    app,
    dataSource: app.get(DataSource),
    clock,
    config,
    baseUrl,
    smsFile,
    logs,
    pii,
    leaks,
    responses: 0,
    status5xx: 0,
    async post(body, opts = {}) {
      // The Accept of a current client (Apollo Client 4, graphql-http): request errors answer 400.
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
      const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body });
      const text = await res.text();
      self.responses++;
      if (res.status >= 500) self.status5xx++;
      if (!opts.audited) pii.scan(text, 'response', body);
      const leaked = leaks.scan(text, 'response', body);
      options.onExchange?.(body, res.status, text);
      return { status: res.status, body: text, leaked };
    },
    async gql(query, variables, opts = {}) {
      const { status, body } = await self.post(JSON.stringify({ query, variables }), opts);
      let parsed: { data?: unknown; errors?: GqlResponse['errors'] } = {};
      try {
        parsed = JSON.parse(body);
      } catch {
        // not JSON: the caller looks at status and body
      }
      return { status, data: parsed.data as any, errors: parsed.errors, body };
    },
    lastCodeFor(phone) {
      const mine = sentMessages().filter((m) => m.to === phone && m.template === 'LOGIN_CODE');
      if (!mine.length) throw new Error(`no code was sent to ${phone}`);
      return mine.at(-1)!.params.code!;
    },
    codesSent() {
      return sentMessages().filter((m) => m.template === 'LOGIN_CODE').map((m) => m.params.code!);
    },
    scanLogs() {
      let hits = 0;
      for (; logsScanned < logs.length; logsScanned++) hits += pii.scan(logs[logsScanned]!, 'log');
      return hits + pii.settleCodes(self.codesSent());
    },
    async close() {
      await app.close();
      await db.cleanup();
      sink?.server.closeAllConnections();
      await new Promise<void>((resolve) => (sink ? sink.server.close(() => resolve()) : resolve()));
    },
  };
  return self;
}
