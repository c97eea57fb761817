import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Gauge } from 'prom-client';
import { Clock } from '../common/clock.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { withTimeout } from '../common/with-timeout.js';
import { Metrics } from '../metrics/metrics.js';
import { JOB_DRIVER, type JobDriver } from './job-driver.js';
import { OutboxMessageEntity } from './outbox-message.entity.js';

/**
 * Gauges read at scrape time: the outbox backlog (what the relay or runner still owes) and
 * BullMQ's queue depths. A scrape that cannot reach the database or Redis leaves the gauge
 * empty rather than failing the whole /metrics answer.
 */
@Injectable()
export class JobMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const self = this;
    new Gauge({
      name: 'civicloop_outbox_messages',
      help: 'Outbox rows not yet completed: due (waiting for the relay or runner), scheduled (due later), dispatched (in BullMQ, not finished)',
      labelNames: ['state'],
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const counts = await self.read('outbox backlog', () => self.outboxBacklog());
        for (const [state, count] of Object.entries(counts ?? {})) this.set({ state }, count);
      },
    });
    new Gauge({
      name: 'civicloop_outbox_oldest_due_seconds',
      help: 'Age of the oldest due outbox row not yet dispatched (0 when none): the relay or runner is falling behind when it grows',
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const age = await self.read('oldest due outbox row', () => self.oldestDueSeconds());
        if (age !== undefined) this.set(age);
      },
    });
    new Gauge({
      name: 'civicloop_queue_jobs',
      help: 'BullMQ jobs per queue and state (absent in embedded mode, where the outbox is the queue)',
      labelNames: ['queue', 'state'],
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const d of (await self.read('queue depths', () => self.driver.queueDepths())) ?? []) this.set({ queue: d.queue, state: d.state }, d.count);
      },
    });
  }

  async outboxBacklog(): Promise<Record<'due' | 'scheduled' | 'dispatched', number>> {
    const now = this.clock.now();
    // One pass over the open rows (ix_outbox_open: completedAt, dispatchedAt).
    const row = await this.dataSource
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .select('SUM(CASE WHEN o.dispatchedAt IS NULL AND o.availableAt <= :now THEN 1 ELSE 0 END)', 'due')
      .addSelect('SUM(CASE WHEN o.dispatchedAt IS NULL AND o.availableAt > :now THEN 1 ELSE 0 END)', 'scheduled')
      .addSelect('SUM(CASE WHEN o.dispatchedAt IS NOT NULL THEN 1 ELSE 0 END)', 'dispatched')
      .where('o.completedAt IS NULL')
      .setParameter('now', now)
      .getRawOne<{ due: unknown; scheduled: unknown; dispatched: unknown }>();
    return { due: Number(row?.due ?? 0), scheduled: Number(row?.scheduled ?? 0), dispatched: Number(row?.dispatched ?? 0) };
  }

  async oldestDueSeconds(): Promise<number> {
    const now = this.clock.now();
    const oldest = await this.dataSource
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .select(['o.id', 'o.availableAt'])
      .where('o.dispatchedAt IS NULL AND o.completedAt IS NULL AND o.availableAt <= :now', { now })
      .orderBy('o.availableAt', 'ASC')
      .limit(1)
      .getOne();
    return oldest ? Math.max(0, (now.getTime() - oldest.availableAt.getTime()) / 1000) : 0;
  }

  private async read<T>(what: string, probe: () => Promise<T>): Promise<T | undefined> {
    try {
      return await withTimeout(probe(), 2000, what);
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, `metrics: could not read ${what}`);
      return undefined;
    }
  }
}
