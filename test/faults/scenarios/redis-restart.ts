import { randomBytes } from 'node:crypto';
import { IsNull, Not } from 'typeorm';
import type { Actor } from '../../../src/auth/actor.js';
import { BullMqJobDriver, jobIdFor } from '../../../src/jobs/drivers/bullmq-job-driver.js';
import { JOB_DRIVER } from '../../../src/jobs/job-driver.js';
import { JOB_SPECS, isJobName } from '../../../src/jobs/job-types.js';
import { JobsRuntime } from '../../../src/jobs/jobs.runtime.js';
import { JOBS_OPTIONS, type JobsOptions } from '../../../src/jobs/jobs.options.js';
import { OutboxMessageEntity } from '../../../src/jobs/outbox-message.entity.js';
import { RemindersService } from '../../../src/reminders/reminders.service.js';
import { SuggestionEntity } from '../../../src/suggestions/suggestion.entity.js';
import { workflowOf } from '../../helpers/workflow.js';
import { given, idempotencyKey } from '../../factories/given.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startSecurityApp, type SecurityApp } from '../../security/lib/security-app.js';
import { collectPii, scanRedis, type FaultContext, type ScenarioResult } from '../lib/context.js';
import { startRedisServer } from '../lib/redis-server.js';

export interface RedisRestartFigures {
  submissions: number;
  lost: number;
  reminders_rebuilt: number;
}

const SUBMIT = 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { id } } }';

/** Submits through HTTP, each resident from an address of its own; returns the acknowledged ids. */
export async function submitMany(t: SecurityApp, campaign: { id: number; categories: string[] }, count: number, label: string, timeoutMs = 60_000): Promise<number[]> {
  const g = given(t as unknown as TestApp);
  const ids: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const r = await g.resident();
      const input = { campaignId: campaign.id, title: `${label}${i}`, body: '故障演练期间提交的建议内容。', category: campaign.categories[0], consentToPublish: false, idempotencyKey: idempotencyKey() };
      const res = await Promise.race([
        t.gql(SUBMIT, { i: input }, { token: r.token, headers: { 'x-forwarded-for': `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}` } }),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref()),
      ]);
      const id = res?.data?.submitSuggestion?.suggestion?.id;
      if (id) ids.push(id);
    }),
  );
  return ids;
}

/**
 * Redis (a private one) is stopped and comes back empty while reminders sit in its queues and
 * residents keep submitting. No submission may be lost (they live in the database), and the
 * reconciler must put back every queued job Redis lost.
 */
export async function redisRestartScenario(ctx: FaultContext): Promise<ScenarioResult<RedisRestartFigures>> {
  const db = await ctx.mariadb();
  const url = await db.createDatabase('faults_redis_restart');
  const redis = await startRedisServer();
  const t = (await startSecurityApp('faults-redis-restart', { production: true, database: { type: 'mariadb', url, poolSize: 20 }, env: { REDIS_URL: redis.url, JOBS_DRIVER: 'bullmq' } }))!;
  const notes: string[] = [];
  try {
    const g = given(t as unknown as TestApp);
    const campaign = await g.campaign();
    const unit = await g.unit();
    await g.staff(['UNIT_HANDLER'], unit.id);
    const coordinator = await g.staff(['COORDINATOR']);
    const coord: Actor = { kind: 'staff', id: coordinator.id, roles: ['COORDINATOR'], unitId: null };
    const runtime = t.app.get(JobsRuntime);
    const driver = t.app.get(JOB_DRIVER) as BullMqJobDriver;
    const options = t.app.get<JobsOptions>(JOBS_OPTIONS);
    const outbox = t.dataSource.getRepository(OutboxMessageEntity);
    const pumpAll = async () => {
      while ((await runtime.runDue()) > 0);
    };

    // Before: items assigned, their sign reminders due, relayed into Redis (no worker consumes them).
    const before = await submitMany(t, campaign, ctx.quick ? 60 : 200, '重启前');
    await workflowOf(t.app).assign(coord, { suggestionIds: before, leadUnitId: unit.id });
    t.clock.advance(5 * 86_400_000); // past every sign deadline
    await pumpAll();
    const queued = await outbox.countBy({ dispatchedAt: Not(IsNull()), completedAt: IsNull() });
    const queuedReminders = await outbox.countBy({ topic: 'reminder.sign-due', dispatchedAt: Not(IsNull()), completedAt: IsNull() });
    notes.push(`${before.length} submitted and assigned; ${queued} jobs in Redis, ${queuedReminders} of them sign reminders`);

    // Redis goes away; residents keep submitting; it comes back with nothing.
    await redis.stop();
    const duringCount = ctx.quick ? 30 : 100;
    // The relay keeps polling meanwhile (it runs in this api): residents must still be answered.
    await new Promise((r) => setTimeout(r, 3000));
    const during = await submitMany(t, campaign, duringCount, '停机中', 10_000);
    await runtime.runDue().catch(() => 0); // a relay pass fails; the rows stay
    await redis.start();
    const afterRestart = await submitMany(t, campaign, ctx.quick ? 10 : 30, '重启后');
    notes.push(`${during.length} of ${duringCount} submissions answered within 10 s while Redis was down, ${afterRestart.length} after it came back empty`);

    // The reconciler (periodic in production; called here, once the queues reconnected) heals what Redis lost.
    for (let i = 0; i < 100 && (await driver.health()).status !== 'up'; i++) await new Promise((r) => setTimeout(r, 200));
    t.clock.advance(options.staleDispatchMs + 1000);
    const report = await t.app.get(RemindersService).reconcile();
    await pumpAll();
    let missing = 0;
    for (const row of await outbox.findBy({ dispatchedAt: Not(IsNull()), completedAt: IsNull() })) {
      const queue = driver.queue(isJobName(row.topic) ? JOB_SPECS[row.topic].queue : 'civicloop-jobs');
      if (!(await queue.getJob(jobIdFor(row.dedupeKey)))) missing++;
    }
    notes.push(`reconciler: ${report.jobsHealed} lost jobs re-dispatched, ${report.remindersRebuilt} reminders rewritten; ${missing} dispatched rows still without a job`);

    const submitted = [...before, ...during, ...afterRestart];
    const present = await t.dataSource.getRepository(SuggestionEntity).countBy(submitted.map((id) => ({ id })));
    const lost = submitted.length - present;
    const rebuilt = report.jobsHealed + report.remindersRebuilt;
    await scanRedis(ctx, redis.url, t.codesSent());
    return {
      figures: { submissions: submitted.length, lost, reminders_rebuilt: rebuilt },
      ok: lost === 0 && missing === 0 && rebuilt >= queuedReminders && queuedReminders > 0 && during.length === duringCount,
      notes,
    };
  } finally {
    collectPii(ctx, t);
    await t.close().catch(() => undefined);
    await redis.stop();
  }
}
