import { once } from 'node:events';
import { Inject, Injectable, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RedisClient } from '../redis/redis-connection.js';
import { REDIS } from '../redis/redis.module.js';
import { JOB_DRIVER, type JobDriver } from '../jobs/job-driver.js';
import { withTimeout } from '../common/with-timeout.js';

export type Check = { status: 'up' | 'down'; error?: string };
export interface Readiness {
  ready: boolean;
  body: { status: 'ok' | 'degraded' | 'shutting-down'; checks: Record<string, Check> };
}

/**
 * Kubernetes' two questions, for the api and the worker alike. Liveness: is this process able
 * to answer at all (restart it if not)? It checks nothing outside the process, so an outage of
 * the database does not get every instance restarted. Readiness: should it get work now? The
 * database, Redis and the queue must answer, and a process that is shutting down says no.
 */
@Injectable()
export class HealthChecks implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient | null,
    @Optional() @Inject(JOB_DRIVER) private readonly jobs?: JobDriver,
  ) {}

  liveness(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  async readiness(): Promise<Readiness> {
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
    const ready = up && !this.shuttingDown;
    return { ready, body: { status: this.shuttingDown ? 'shutting-down' : up ? 'ok' : 'degraded', checks } };
  }

  beforeApplicationShutdown(): void {
    // Balancers stop sending work while running requests and jobs finish.
    this.shuttingDown = true;
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
