import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import underPressure from '@fastify/under-pressure';
import multipart from '@fastify/multipart';
import { MAX_PHOTO_BYTES } from './photos/photo-rules.js';
import type { AppConfig } from './config/app-config.js';
import { AppModule } from './app.module.js';
import { Clock } from './common/clock.js';
import { createLogger, runWithRequestLogger, type Logger } from './common/logger.js';
import { inputValidationPipe } from './graphql/validation.pipe.js';
import { QUERY_LIMITS } from './graphql/limits.js';
import { OVERLOAD_RETRY_AFTER_SECONDS } from './graphql/error-formatter.js';
import { Metrics } from './metrics/metrics.js';
import { registerWebPortal } from './web/web-portal.js';
import { closeOnSignals } from './common/shutdown.js';
import { Logger as NestPinoLogger } from 'nestjs-pino';

export interface CreatedApp {
  app: NestFastifyApplication;
  logger: Logger;
  clock: Clock;
}

/** Builds the api application; main.ts and the e2e tests share it. */
export async function createApp(config: AppConfig, options: { clock?: Clock; logger?: Logger } = {}): Promise<CreatedApp> {
  const logger = options.logger ?? createLogger(config);
  const clock = options.clock ?? new Clock();
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: QUERY_LIMITS.maxBodyBytes,
    // Only configured proxies may name the client; the left of X-Forwarded-For is the client's own say.
    trustProxy: config.trustedProxies.length ? [...config.trustedProxies] : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  // Past these, requests get 503 + Retry-After at once: a backlog queued in memory helps nobody
  // and grows the process without bound. /health answers 503 too, so a balancer steps around it.
  const { maxEventLoopDelayMs, maxHeapUsedMb } = config.shedLoad;
  if (maxEventLoopDelayMs || maxHeapUsedMb) {
    // On the Fastify instance before Nest adds anything, so the hook covers every route, GraphQL's too.
    await adapter.getInstance().register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      maxHeapUsedBytes: maxHeapUsedMb * 1024 * 1024,
      retryAfter: OVERLOAD_RETRY_AFTER_SECONDS,
    });
  }
  // Photo uploads (POST /photos): one file part, bounded while it streams (docs/photos.md).
  await adapter.getInstance().register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 2, parts: 3 } });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, clock), adapter, {
    // Nest's own messages wait for pino, then come out as JSON like every other line.
    bufferLogs: config.logLevel !== 'silent',
    logger: config.logLevel === 'silent' ? false : undefined,
    abortOnError: false,
  });
  if (config.logLevel !== 'silent') app.useLogger(app.get(NestPinoLogger));
  app.useGlobalPipes(inputValidationPipe);
  closeOnSignals(app);
  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();
  // Services log through LOGGER, which follows the request's logger (and so its reqId). Opened
  // right before the handler: Fastify runs handlers in the async context of the request
  // stream's end, where a context opened in onRequest is lost (as @fastify/request-context notes).
  fastify.addHook('preHandler', (request, _reply, done) => runWithRequestLogger(request.log as Logger, done));
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  await registerWebPortal(fastify, config.webDistDir);
  await app.init();
  return { app, logger, clock };
}
