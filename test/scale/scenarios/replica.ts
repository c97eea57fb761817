import { randomBytes } from 'node:crypto';
import { ReadRouting } from '../../../src/database/read-routing.js';
import { given, idempotencyKey } from '../../factories/given.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startSecurityApp } from '../../security/lib/security-app.js';
import { sleep, waitFor } from '../../faults/lib/services.js';
import type { MariaDbNode } from '../lib/mariadb-pair.js';
import type { ScaleContext, ScenarioResult } from '../lib/context.js';

export interface ReplicaFigures {
  replicas: number;
  reads_on_replica: number;
  reads_on_primary: number;
  author_stale_reads: number;
  /** Items the stopped replica did not have while their authors read them: the lag was real. */
  items_missing_on_replica: number;
  lag_detected_ms: number;
  /** Public reads served by the fresh replica while the other lagged (none by the lagging one). */
  reads_on_fresh_replica_while_other_lagged: number;
  fallback_ok: boolean;
  fallback_errors: number;
}

const FEED = 'query { publicSuggestions(first: 20) { totalCount edges { node { id } } } }';
const LISTS = '{ campaigns(first: 10) { edges { node { id number } } } units(first: 50) { edges { node { id name } } } }';
const MINE = 'query { mySuggestions(first: 50) { edges { node { id title } } } }';
const SUBMIT = 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { id } } }';

async function comSelect(node: MariaDbNode): Promise<number> {
  const [row] = await node.sql<{ Value: string }[]>("SHOW GLOBAL STATUS LIKE 'Com_select'");
  return Number(row?.Value ?? 0);
}

/**
 * The app on a private primary and two GTID replicas (issue 17 §1): public reads go to the
 * replicas; with one replica's SQL thread stopped, authors still see every item they just
 * submitted (own reads stay on the primary) and public reads leave the stale replica for the
 * fresh one; with a replica killed the other serves, and with both killed the primary does.
 */
export async function replicaScenario(ctx: ScaleContext): Promise<ScenarioResult<ReplicaFigures>> {
  const pair = await ctx.mariadbPair();
  const [first, second] = pair.replicas as [MariaDbNode, MariaDbNode];
  const urls = await pair.createDatabase('scale_replica');
  const checkMs = 200;
  const t = (await startSecurityApp('scale-replica', {
    production: true,
    // The public-read cache off: this scenario counts where the database reads go, and a cached
    // answer makes none (the cache has its own cross-instance check in redis_cluster).
    env: { SUBMISSIONS_PER_DAY: '1000', PUBLIC_CACHE: 'false' },
    database: { type: 'mariadb', url: urls.primary, poolSize: 20, replicas: { urls: urls.replicas, maxLagMs: 1000, checkMs } },
  }))!;
  const notes: string[] = [];
  const selects = () => Promise.all([pair.primary, first, second].map(comSelect));
  try {
    const routing = t.app.get(ReadRouting);
    const g = given(t as unknown as TestApp);
    const campaign = await g.campaign();
    await pair.caughtUp();
    await routing.check();
    const freshNow = () => routing.freshReplicas; // read each time: checks change it
    if (freshNow() !== 2) throw new Error(`${freshNow()} of 2 replicas fresh after catching up`);

    // 1. Public reads: counted by each server's own Com_select.
    const reads = ctx.quick ? 50 : 300;
    const [p0, a0, b0] = await selects();
    let readErrors = 0;
    for (let i = 0; i < reads; i++) if ((await t.gql(FEED)).errors) readErrors++;
    const [p1, a1, b1] = await selects();
    const readsOnReplica = a1 - a0 + (b1 - b0);
    const readsOnPrimary = p1 - p0;
    notes.push(`${reads} public feed pages: ${a1 - a0} + ${b1 - b0} SELECTs on the two replicas, ${readsOnPrimary} on the primary (relation loaders), ${readErrors} errors`);
    // Campaign and unit lists: from a replica for the public, from the primary for staff (who write them).
    const coordinator = await g.staff(['COORDINATOR']);
    const onReplicas = async (token?: string) => {
      const [, x0, y0] = await selects();
      for (let i = 0; i < 10; i++) if ((await t.gql(LISTS, {}, token ? { token } : {})).errors) readErrors++;
      const [, x1, y1] = await selects();
      return x1 - x0 + (y1 - y0);
    };
    const listsPublic = await onReplicas();
    const listsStaff = await onReplicas(coordinator.token);
    notes.push(`10 campaign + unit list reads: ${listsPublic} SELECTs on the replicas when anonymous, ${listsStaff} when a coordinator asks`);

    // 2. Lag: the first replica stops applying; authors submit and read their own items at once.
    // A resident may submit 20 items an hour (RATE_LIMITS.submitPerResident): a new author every 10.
    let author = await g.resident();
    await first.sql('STOP SLAVE SQL_THREAD');
    const stoppedAt = Date.now();
    let lagDetectedMs = -1;
    const watch = setInterval(() => {
      if (lagDetectedMs < 0 && freshNow() < 2) lagDetectedMs = Date.now() - stoppedAt;
    }, 10);
    const items = ctx.quick ? 20 : 100;
    const submitted: number[] = [];
    let mine: number[] = [];
    let stale = 0;
    for (let i = 0; i < items; i++) {
      if (i > 0 && i % 10 === 0) {
        author = await g.resident();
        mine = [];
      }
      const input = { campaignId: campaign.id, title: `延迟中提交${i}`, body: '副本延迟期间提交的建议内容。', category: campaign.categories[0], consentToPublish: true, idempotencyKey: idempotencyKey() };
      const ip = `10.9.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;
      const res = await t.gql(SUBMIT, { i: input }, { token: author.token, headers: { 'x-forwarded-for': ip } });
      const id = res.data?.submitSuggestion?.suggestion?.id as number | undefined;
      if (!id) throw new Error(`submission refused: ${res.body}`);
      submitted.push(id);
      mine.push(id);
      // Read back right away, as the resident's app does after submitting.
      const own = await t.gql(MINE, {}, { token: author.token });
      const seen = new Set((own.data?.mySuggestions?.edges ?? []).map((e: { node: { id: number } }) => e.node.id));
      stale += mine.filter((s) => !seen.has(s)).length;
    }
    const [{ n: onReplica }] = await first.sql<{ n: number }[]>(`SELECT COUNT(*) AS n FROM scale_replica.suggestions WHERE id IN (${submitted.join(',')})`);
    const missing = items - Number(onReplica);
    await waitFor('stale replica detected', async () => freshNow() === 1, 10_000);
    clearInterval(watch);
    const [, aStale0, bStale0] = await selects();
    for (let i = 0; i < 10; i++) await t.gql(FEED);
    const [, aStale1, bStale1] = await selects();
    const staleReplicaSelects = aStale1 - aStale0;
    const freshReplicaSelects = bStale1 - bStale0;
    notes.push(
      `first replica's SQL thread stopped: ${items} items submitted and read back by their author, ${stale} stale reads; it lacked ${missing} of them; ReadRouting stopped using it after ${lagDetectedMs} ms (check every ${checkMs} ms); 10 public reads then made ${staleReplicaSelects} SELECTs on it and ${freshReplicaSelects} on the fresh one`,
    );
    await first.sql('START SLAVE SQL_THREAD');
    await pair.caughtUp();
    await waitFor('both replicas fresh again', async () => freshNow() === 2, 10_000);

    // 3. Replicas die: the other one serves; with both gone, the primary does. No read fails.
    const downReads = ctx.quick ? 30 : 100;
    const readThrough = async () => {
      let errors = 0;
      for (let i = 0; i < downReads; i++) {
        const r = await t.gql(FEED);
        if (r.errors || r.status !== 200) errors++;
        if (i === 0) await sleep(checkMs * 2); // some reads before the check notices, some after
      }
      return errors;
    };
    const fallbacksBefore = routing.counts.fallbacks;
    first.kill9();
    const oneDownErrors = await readThrough();
    await routing.check();
    const bDown0 = await comSelect(second);
    for (let i = 0; i < 10; i++) await t.gql(FEED);
    const survivorSelects = (await comSelect(second)) - bDown0;
    const survivorServes = freshNow() === 1 && survivorSelects >= 10;
    second.kill9();
    const bothDownErrors = await readThrough();
    await routing.check();
    const fallbackErrors = oneDownErrors + bothDownErrors;
    notes.push(
      `first replica killed: ${downReads} public reads, ${oneDownErrors} failed; then ${routing.counts.fallbacks - fallbacksBefore > 0 ? 'reads retried on the primary after a connection failure, and ' : ''}10 reads made ${survivorSelects} SELECTs on the surviving replica; both killed: ${downReads} reads, ${bothDownErrors} failed; replicas in use: ${routing.replicasInUse}`,
    );

    const figures: ReplicaFigures = {
      replicas: 2,
      reads_on_replica: readsOnReplica,
      reads_on_primary: readsOnPrimary,
      author_stale_reads: stale,
      items_missing_on_replica: missing,
      lag_detected_ms: lagDetectedMs,
      reads_on_fresh_replica_while_other_lagged: freshReplicaSelects,
      fallback_ok: fallbackErrors === 0 && survivorServes && !routing.replicasInUse,
      fallback_errors: fallbackErrors,
    };
    return {
      figures,
      ok:
        readErrors === 0 &&
        readsOnReplica >= reads &&
        listsPublic >= 20 &&
        listsStaff === 0 &&
        a1 > a0 &&
        b1 > b0 &&
        stale === 0 &&
        missing > 0 &&
        staleReplicaSelects === 0 &&
        freshReplicaSelects >= 10 &&
        lagDetectedMs >= 0 &&
        figures.fallback_ok,
      notes,
    };
  } finally {
    await t.close().catch(() => undefined);
    // A failure above may have left a replica's SQL thread stopped.
    for (const r of pair.replicas) if (r.running) await r.sql('START SLAVE SQL_THREAD').catch(() => undefined);
  }
}
