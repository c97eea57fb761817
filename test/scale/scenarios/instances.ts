import { startRedisServer } from '../../faults/lib/redis-server.js';
import { runReminders } from '../lib/reminders-run.js';
import { twoApis, type TwoApisFigures } from './two-apis.js';
import type { ScaleContext, ScenarioResult } from '../lib/context.js';

export interface InstancesFigures extends TwoApisFigures {
  api: number;
  workers: number;
  reminders: number;
  lost: number;
  duplicates: number;
  scoring_runs_per_quarter: number;
}

/**
 * Two api processes (each relaying the outbox) and two workers on one database and one Redis
 * (issue 17 §3): every reminder sent once, and the quarter-end trigger, written by all four as
 * their reconcilers do, scores the quarter once. First, two apis on that Redis: revocation, rate
 * limits, sign-in waits and the public cache hold across them (as on the cluster).
 */
export async function instancesScenario(ctx: ScaleContext): Promise<ScenarioResult<InstancesFigures>> {
  const pair = await ctx.mariadbPair();
  const redis = await startRedisServer();
  try {
    const apps = await twoApis(pair, { REDIS_URL: redis.url }, 'instances');
    const r = await runReminders({
      label: 'instances',
      rootUrl: pair.primary.url(),
      redisEnv: { REDIS_URL: redis.url },
      reminders: ctx.quick ? 2000 : 10_000,
      apis: 2,
      workers: 2,
      quarterEndWriters: 4,
      deadlineSeconds: ctx.quick ? 150 : 600,
      log: ctx.log,
    });
    return {
      figures: { ...apps.figures, api: 2, workers: 2, reminders: r.reminders, lost: r.lost, duplicates: r.duplicates, scoring_runs_per_quarter: r.scoringRuns ?? 0 },
      ok: apps.ok && r.lost === 0 && r.duplicates === 0 && r.scoringRuns === 1,
      notes: [...apps.notes, ...r.notes, `${r.accepted}/${r.reminders} reminders reached the gateway in ${r.seconds} s; ${r.repeatedPosts} repeated POSTs of an accepted key`],
    };
  } finally {
    await redis.stop();
  }
}
