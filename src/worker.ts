// `npm run worker`: consumes the job queues, without HTTP. Scale by running more of them.
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { CommonModule } from './common/logger.module.js';
import { Clock } from './common/clock.js';
import { createLogger, type Logger } from './common/logger.js';
import { DatabaseModule } from './database/database.module.js';
import { RedisModule } from './redis/redis.module.js';
import { PublicCacheModule } from './public-cache/public-cache.module.js';
import { HealthModule } from './health/health.module.js';
import { AuthModule } from './auth/auth.module.js';
import { FEATURE_MODULES } from './app.module.js';
import { JobsRuntime } from './jobs/jobs.runtime.js';
import { WorkerHttp } from './health/worker-http.js';
import { closeOnSignals } from './common/shutdown.js';
import { Logger as NestPinoLogger } from 'nestjs-pino';

/** The application's modules minus GraphQL and HTTP: every @OnJob handler, the driver, the database. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger, clock: Clock): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), CommonModule.forRoot(logger, clock), DatabaseModule, RedisModule, PublicCacheModule, HealthModule, AuthModule, ...FEATURE_MODULES],
      providers: [WorkerHttp],
    };
  }
}

/** Builds a worker and starts consuming; SIGTERM lets running jobs finish, then exits. */
export async function startWorker(config: AppConfig, options: { logger?: Logger; clock?: Clock } = {}): Promise<INestApplicationContext> {
  const logger = options.logger ?? createLogger(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger, options.clock ?? new Clock()), {
    bufferLogs: config.logLevel !== 'silent',
    logger: config.logLevel === 'silent' ? false : undefined,
    abortOnError: false,
  });
  if (config.logLevel !== 'silent') app.useLogger(app.get(NestPinoLogger));
  closeOnSignals(app);
  await app.get(JobsRuntime).start({ consume: true });
  const port = await app.get(WorkerHttp).listen(config.host, config.workerPort);
  logger.info({ driver: config.jobs.driver, health: `http://${config.host}:${port}/health`, metrics: `http://${config.host}:${port}/metrics` }, 'CivicLoop worker started');
  return app;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  startWorker(config).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
