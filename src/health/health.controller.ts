import { once } from 'node:events';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Optional, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { Public } from '../auth/access.decorator.js';
import { REDIS } from '../redis/redis.module.js';
import { Metrics } from '../metrics/metrics.js';
import { JOB_DRIVER, type JobDriver } from '../jobs/job-driver.js';
import { withTimeout } from '../common/with-timeout.js';

type Check = { status: 'up' | 'down'; error?: string };

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(JOB_DRIVER) private readonly jobs?: JobDriver,
  ) {}

  /** 200 when every dependency answers, 503 otherwise, with each check named. */
  @Get('health')
  @Public()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const checks: Record<string, Check> = { database: await this.check(() => this.dataSource.query('SELECT 1')) };
    // The producer client has no offline queue: wait (within the check's bound) until it is connected.
    // The listener is removed when the check's bound passes, so an outage does not pile them up.
    if (this.redis) checks.redis = await this.check(async () => {
      if (this.redis!.status !== 'ready') await once(this.redis!, 'ready', { signal: AbortSignal.timeout(2000) });
      return this.redis!.ping();
    });
    // BullMQ's own connections; in embedded mode the database is the queue.
    if (this.jobs?.kind === 'bullmq') checks.queue = await this.jobs.health();
    const up = Object.values(checks).every((c) => c.status === 'up');
    await reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'degraded', checks });
  }

  /**
   * Prometheus text. With METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>` gets it;
   * without one, production answers 404 (the figures describe load and internals), other modes answer.
   */
  @Get('metrics')
  @Public()
  async metricsText(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { metricsToken, isProduction } = this.config;
    if (metricsToken) {
      if (!sameSecret(request.headers.authorization ?? '', `Bearer ${metricsToken}`)) {
        return void (await reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'Metrics need the metrics token' }));
      }
    } else if (isProduction) {
      return void (await reply.status(404).send({ error: 'Not found' }));
    }
    await reply.header('content-type', 'text/plain; version=0.0.4').send(await this.metrics.registry.metrics());
  }

  private async check(probe: () => Promise<unknown>): Promise<Check> {
    try {
      await withTimeout(probe(), 2000, 'health probe');
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', error: err instanceof Error ? err.message : 'unavailable' };
    }
  }
}

/** Constant-time comparison of two strings of any length (digests first, so lengths do not leak). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
