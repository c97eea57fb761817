import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { CommonModule } from '../../src/common/logger.module.js';
import { Clock } from '../../src/common/clock.js';
import { createLogger } from '../../src/common/logger.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { RedisModule } from '../../src/redis/redis.module.js';
import { HealthModule } from '../../src/health/health.module.js';
import { AuthModule } from '../../src/auth/auth.module.js';
import { JobsModule } from '../../src/jobs/jobs.module.js';
import { JOBS_OPTIONS, defaultJobsOptions, type JobsOptions } from '../../src/jobs/jobs.options.js';
import { JobsRuntime } from '../../src/jobs/jobs.runtime.js';
import { JOB_DRIVER, type JobDriver } from '../../src/jobs/job-driver.js';
import { JOB_NAMES, type JobName } from '../../src/jobs/job-types.js';
import type { JobContext } from '../../src/jobs/job-handlers.js';
import { OnJob } from '../../src/jobs/on-job.decorator.js';
import { TEST_REDIS_URL } from './redis.js';

/** Stands in for every feature handler: records each call, fails on request. */
export class RecordingHandlers {
  calls: { name: JobName; payload: any; attempt: number; finalAttempt: boolean; at: number }[] = [];
  /** Topic → how many more calls fail before one succeeds. */
  failTimes = new Map<string, number>();
  alwaysFail = new Set<string>();
  /** Topic → milliseconds a call takes. */
  slow = new Map<string, number>();

  async handle(name: JobName, payload: unknown, context: JobContext): Promise<void> {
    this.calls.push({ name, payload, attempt: context.attempt, finalAttempt: context.finalAttempt, at: Date.now() });
    const wait = this.slow.get(name);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    const left = this.failTimes.get(name) ?? 0;
    if (left > 0) {
      this.failTimes.set(name, left - 1);
      throw new Error(`planned failure of ${name}`);
    }
    if (this.alwaysFail.has(name)) throw new Error(`${name} always fails`);
  }

  of(name: JobName) {
    return this.calls.filter((c) => c.name === name);
  }
}

/** A handler class covering `names`, built at runtime so a test can leave gaps or add doubles. */
export function handlerClass(names: readonly JobName[], className = 'RecordingHandlers'): Type<RecordingHandlers> {
  const cls = { [className]: class extends RecordingHandlers {} }[className]!;
  for (const name of names) {
    const key = `on_${name.replace(/\W/g, '_')}`;
    Object.defineProperty(cls.prototype, key, {
      value: function (this: RecordingHandlers, payload: unknown, context: JobContext) {
        return this.handle(name, payload, context);
      },
      writable: true,
      configurable: true,
    });
    OnJob(name)(cls.prototype, key, Object.getOwnPropertyDescriptor(cls.prototype, key) as never);
  }
  return cls;
}

export const ALL_HANDLERS = handlerClass(JOB_NAMES);

export interface JobsContext {
  module: TestingModule;
  config: AppConfig;
  clock: Clock;
  options: JobsOptions;
  handlers: RecordingHandlers;
  driver: JobDriver;
  runtime: JobsRuntime;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Fast settings for tests: quick polls, tiny retry delays, no lookahead. */
export function testJobsOptions(prefix: string, overrides: Partial<JobsOptions> = {}): JobsOptions {
  return {
    ...defaultJobsOptions({ env: 'test' }),
    autoStart: false,
    pollMs: 25,
    lookaheadMs: 0,
    backoffScale: 0.001,
    leaseMs: 60_000,
    reconcileEveryMs: 3_600_000,
    staleDispatchMs: 0,
    prefix,
    ...overrides,
  };
}

/**
 * The jobs module with every infrastructure module it needs, on a given database, and
 * handler classes in place of the features. Nothing starts until the test says so.
 */
export async function startJobsContext(input: {
  driver: 'sql' | 'bullmq';
  database: AppConfig['database'];
  options: JobsOptions;
  handlers?: Type<RecordingHandlers>[];
  clock?: Clock;
  env?: Record<string, string>;
}): Promise<JobsContext> {
  const env: Record<string, string> = { NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_DRIVER: input.driver, ...input.env };
  if (input.driver === 'bullmq') env.REDIS_URL = TEST_REDIS_URL;
  const config: AppConfig = { ...loadConfig(env), database: input.database, migrationsRun: true, seedDemo: false };
  const clock = input.clock ?? new Clock();
  const handlerTypes = input.handlers ?? [ALL_HANDLERS];
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), CommonModule.forRoot(createLogger({ logLevel: 'silent' }), clock), DatabaseModule, RedisModule, HealthModule, AuthModule, JobsModule],
    providers: handlerTypes,
  })
    .overrideProvider(JOBS_OPTIONS)
    .useValue(input.options)
    .compile();
  try {
    await module.init();
  } catch (err) {
    await module.close().catch(() => undefined);
    throw err;
  }
  return {
    module,
    config,
    clock,
    options: input.options,
    handlers: module.get(handlerTypes[0]!),
    driver: module.get(JOB_DRIVER),
    runtime: module.get(JobsRuntime),
    dataSource: module.get(DataSource),
    close: () => module.close(),
  };
}

/** Polls until `check` passes or the time is up (then fails with the last error). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
