import { once } from 'node:events';
import { Controller, Get, Header, Inject, Optional, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
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

  @Get('metrics')
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
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
