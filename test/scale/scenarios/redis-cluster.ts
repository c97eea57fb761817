import { Cluster } from 'ioredis';
import { waitFor } from '../../faults/lib/services.js';
import { PrivateRedisCluster } from '../lib/redis-cluster.js';
import { runReminders } from '../lib/reminders-run.js';
import type { ScaleContext, ScenarioResult } from '../lib/context.js';

export interface RedisClusterFigures {
  nodes: number;
  jobs: number;
  lost: number;
  duplicates: number;
  /** From the SIGKILL of the master serving {civicloop} until a write to that slot succeeds again. */
  failover_seconds: number;
  /** From the SIGKILL until the next reminder reached the gateway. */
  deliveries_resumed_seconds: number;
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
  try {
    const r = await runReminders({
      label: 'cluster',
      rootUrl: pair.primary.url(),
      redisEnv: { REDIS_CLUSTER_NODES: cluster.seeds },
      reminders: ctx.quick ? 1000 : 5000,
      apis: 1,
      workers: 2,
      deadlineSeconds: ctx.quick ? 150 : 400,
      log: ctx.log,
      during: async (accepted) => {
        const probe = new Cluster([{ host: '127.0.0.1', port: cluster.nodes[0]!.port }], { redisOptions: { connectTimeout: 500 }, retryDelayOnFailover: 100, retryDelayOnClusterDown: 100 });
        probe.on('error', () => undefined);
        try {
          await probe.set('{civicloop}:scale-probe', '0');
          const killedAt = Date.now();
          const before = accepted();
          const port = await cluster.killMasterOf('{civicloop}');
          await waitFor('a write to {civicloop} after the failover', async () => (await probe.set('{civicloop}:scale-probe', String(Date.now()))) === 'OK', 60_000);
          failoverMs = Date.now() - killedAt;
          await waitFor('deliveries after the failover', async () => accepted() > before, 60_000).catch(() => undefined);
          // `before` was read when the master died; deliveries already in flight may land first.
          resumedMs = Date.now() - killedAt;
          const roles = await cluster.roles();
          return [`master on ${port} (serving {civicloop}) SIGKILLed with ${before} reminders delivered; writes to the slot again after ${(failoverMs / 1000).toFixed(1)} s; ${roles.filter((x) => x.role === 'master').length} masters now (cluster-node-timeout ${cluster.nodeTimeoutMs} ms)`];
        } finally {
          probe.disconnect();
        }
      },
    });
    const notes = [...r.notes, `${r.accepted}/${r.reminders} reminders reached the gateway in ${r.seconds} s; ${r.repeatedPosts} repeated POSTs of an accepted key`];
    return {
      figures: { nodes: cluster.nodes.length, jobs: r.reminders, lost: r.lost, duplicates: r.duplicates, failover_seconds: +(failoverMs / 1000).toFixed(1), deliveries_resumed_seconds: +(resumedMs / 1000).toFixed(1) },
      ok: r.lost === 0 && r.duplicates === 0 && failoverMs > 0,
      notes,
    };
  } finally {
    await cluster.stop();
  }
}
