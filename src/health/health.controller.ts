import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { Public } from '../auth/access.decorator.js';
import { REDIS } from '../redis/redis.module.js';
import { Metrics } from '../metrics/metrics.js';

type Check = { status: 'up' | 'down'; error?: string };

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly metrics: Metrics,
  ) {}

  /** 200 when every dependency answers, 503 otherwise, with each check named. */
  @Get('health')
  @Public()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const checks: Record<string, Check> = { database: await this.check(() => this.dataSource.query('SELECT 1')) };
    if (this.redis) checks.redis = await this.check(() => this.redis!.ping());
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
      await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', error: err instanceof Error ? err.message : 'unavailable' };
    }
  }
}
