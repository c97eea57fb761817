import { Cluster } from 'ioredis';
import { waitFor } from '../../faults/lib/services.js';
import { PrivateRedisCluster } from '../lib/redis-cluster.js';
import { runReminders } from '../lib/reminders-run.js';
import type { ScaleContext, ScenarioResult } from '../lib/context.js';
import { twoApis, type TwoApisFigures } from './two-apis.js';

export interface RedisClusterFigures extends TwoApisFigures {
  nodes: number;
  jobs: number;
  lost: number;
  duplicates: number;
  /** From the SIGKILL of the master serving {civicloop} until a write to that slot succeeds again. */
  failover_seconds: number;
  /** From the SIGKILL until the next reminder reached the gateway. */
  deliveries_resumed_seconds: number;
  api: number;
  workers: number;
  scoring_runs_per_quarter: number;
}

/**
 * Workers on a 3-master, 3-replica Redis Cluster (issue 17 §2): reminders flow through BullMQ
 * queues under `{civicloop}`; the master holding that slot is SIGKILLed mid-run. Every reminder
 * must arrive once; the failover is timed.
 */
export async function redisClusterScenario(ctx: ScaleContext): Promise<ScenarioResult<RedisClusterFigures>> {
  const pair = await ctx.mariadbPair();
  const cluster = await PrivateRedisCluster.start(ctx.root, { masters: 3, nodeTimeoutMs: 2000 });
  let failoverMs = -1;
  let resumedMs = -1;
  const reminders = ctx.quick ? 1000 : 5000;
  try {
    const apps = await twoApis(pair, { REDIS_CLUSTER_NODES: cluster.seeds }, 'cluster');
    const r = await runReminders({
      label: 'cluster',
      rootUrl: pair.primary.url(),
      redisEnv: { REDIS_CLUSTER_NODES: cluster.seeds },
      reminders,
      // Many instances on the cluster too (issue 17 §3): two apis relaying, two workers.
      apis: 2,
      workers: 2,
      quarterEndWriters: 4,
      deadlineSeconds: ctx.quick ? 150 : 400,
      log: ctx.log,
      during: async (accepted) => {
        const probe = new Cluster([{ host: '127.0.0.1', port: cluster.nodes[0]!.port }], { redisOptions: { connectTimeout: 500 }, retryDelayOnFailover: 100, retryDelayOnClusterDown: 100 });
        probe.on('error', () => undefined);
        try {
          // Mid-run: a quarter delivered, the rest queued or still in the outbox.
          await waitFor('a quarter of the reminders delivered', async () => accepted() >= reminders / 4, 120_000);
          await probe.set('{civicloop}:scale-probe', '0');
          const killedAt = Date.now();
          const before = accepted();
          const port = await cluster.killMasterOf('{civicloop}');
          await waitFor('a write to {civicloop} after the failover', async () => (await probe.set('{civicloop}:scale-probe', String(Date.now()))) === 'OK', 60_000);
          failoverMs = Date.now() - killedAt;
          // Deliveries after the failover: count again once the slot takes writes, then wait for one more.
          const afterFailover = accepted();
          await waitFor('deliveries after the failover', async () => accepted() > afterFailover, 60_000).catch(() => undefined);
          resumedMs = Date.now() - killedAt;
          const roles = await cluster.roles();
          return [`master on ${port} (serving {civicloop}) SIGKILLed with ${before} reminders delivered; writes to the slot again after ${(failoverMs / 1000).toFixed(1)} s; ${roles.filter((x) => x.role === 'master').length} masters now (cluster-node-timeout ${cluster.nodeTimeoutMs} ms)`];
        } finally {
          probe.disconnect();
        }
      },
    });
    const notes = [...apps.notes, ...r.notes, `${r.accepted}/${r.reminders} reminders reached the gateway in ${r.seconds} s; ${r.repeatedPosts} repeated POSTs of an accepted key`];
    return {
      figures: { ...apps.figures, nodes: cluster.nodes.length, jobs: r.reminders, lost: r.lost, duplicates: r.duplicates, failover_seconds: +(failoverMs / 1000).toFixed(1), deliveries_resumed_seconds: +(resumedMs / 1000).toFixed(1), api: 2, workers: 2, scoring_runs_per_quarter: r.scoringRuns ?? 0 },
      ok: apps.ok && r.lost === 0 && r.duplicates === 0 && failoverMs > 0 && r.scoringRuns === 1,
      notes,
    };
  } finally {
    await cluster.stop();
  }
}
