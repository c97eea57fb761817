import { runWorkerKill } from '../worker-kill.js';
import type { FaultContext, ScenarioResult } from '../lib/context.js';

export interface WorkerKillFigures {
  kills: number;
  reminders: number;
  lost: number;
  duplicates: number;
}

/**
 * The jobs engineer's worker-kill run (test/faults/worker-kill.ts) at the size: BullMQ
 * workers SIGKILLed at least 30 times while 10,000 reminders are due, on the private MariaDB,
 * reported with the keys of issue 8.
 */
export async function workerKillScenario(ctx: FaultContext): Promise<ScenarioResult<WorkerKillFigures>> {
  const minKills = ctx.quick ? 10 : 30;
  const mariadb = await ctx.mariadb();
  const r = await runWorkerKill({
    reminders: ctx.quick ? 2000 : 10_000,
    workers: 2,
    // Kills come every 1–2.5 s while reminders remain: this window gives well over the minimum.
    killSeconds: ctx.quick ? 25 : 80,
    deadlineSeconds: ctx.quick ? 240 : 480,
    rootUrl: mariadb.url(),
    log: ctx.log,
  });
  if (!r) throw new Error('worker-kill needs redis-server');
  // Lost: a reminder whose message never reached the gateway. Delivered twice: more deliveries
  // recorded than reminders (the claim per event key failed across a kill).
  const lost = r.reminders - r.acceptedAtGateway;
  const duplicates = Math.max(0, r.deliveriesSent + r.deliveriesOther - r.reminders);
  const notes = [
    `${r.kills} SIGKILLs in ${r.seconds} s; ${r.acceptedAtGateway}/${r.reminders} reminders reached the gateway; ${r.deliveriesSent} deliveries recorded SENT, ${r.deliveriesOther} in another state; ${r.remindersCompleted} reminder jobs completed`,
    `${r.repeatedPostsAtGateway} repeated POSTs of an already accepted event key (a worker killed between the gateway's answer and recording SENT); the gateway drops them by X-CivicLoop-Event`,
  ];
  return { figures: { kills: r.kills, reminders: r.reminders, lost, duplicates }, ok: r.ok && r.kills >= minKills && lost === 0 && duplicates === 0, notes };
}
