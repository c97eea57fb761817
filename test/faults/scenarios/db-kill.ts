import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { given, idempotencyKey } from '../../factories/given.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startSecurityApp } from '../../security/lib/security-app.js';
import { collectPii, type FaultContext, type ScenarioResult } from '../lib/context.js';
import { sleep } from '../lib/services.js';

export interface DbKillFigures {
  acknowledged: number;
  missing: number;
  duplicates: number;
}

const SUBMIT = 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { replayed suggestion { id } } }';

/**
 * 1,000 residents submit at once, each retrying with the same idempotency key until answered;
 * MariaDB is killed with -9 while they do and restarted. Every acknowledged submission must be
 * in the database afterwards, under the id it was acknowledged with, and none twice.
 */
export async function dbKillScenario(ctx: FaultContext): Promise<ScenarioResult<DbKillFigures>> {
  const db = await ctx.mariadb();
  const url = await db.createDatabase('faults_db_kill');
  // Production mode: each client comes through the proxy with its own address, as residents do.
  const t = (await startSecurityApp('faults-db-kill', { production: true, database: { type: 'mariadb', url, poolSize: 30 } }))!;
  const notes: string[] = [];
  const clients = ctx.quick ? 300 : 1000;
  const acked = new Map<string, { authorId: number; id: number }>();
  const refused: string[] = [];
  let attempts = 0;
  let killedAt = 0;
  let backAt = 0;
  try {
    const g = given(t as unknown as TestApp);
    const campaign = await g.campaign();
    const residents: Awaited<ReturnType<typeof g.resident>>[] = [];
    for (let i = 0; i < clients; i++) residents.push(await g.resident());
    const deadline = Date.now() + (ctx.quick ? 90_000 : 180_000);

    const client = async (i: number) => {
      const r = residents[i]!;
      const key = idempotencyKey();
      const ip = `10.${(i >> 8) & 255}.${i & 255}.${1 + (randomBytes(1)[0]! % 250)}`;
      const body = JSON.stringify({ query: SUBMIT, variables: { i: { campaignId: campaign.id, title: `故障测试${i}`, body: '数据库被强制终止时提交的建议内容。', category: campaign.categories[0], consentToPublish: false, idempotencyKey: key } } });
      for (let attempt = 0; Date.now() < deadline; attempt++) {
        attempts++;
        try {
          const res = await fetch(`${t.baseUrl}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}`, 'x-forwarded-for': ip },
            body,
            signal: AbortSignal.timeout(20_000),
          });
          const parsed = JSON.parse(await res.text()) as { data?: { submitSuggestion?: { suggestion: { id: number } } }; errors?: { extensions?: { code?: string } }[] };
          const id = parsed.data?.submitSuggestion?.suggestion.id;
          if (id) {
            acked.set(key, { authorId: r.id, id });
            return;
          }
          const code = parsed.errors?.[0]?.extensions?.code;
          if (code && code !== 'INTERNAL_SERVER_ERROR') {
            refused.push(`${code}`);
            return;
          }
        } catch {
          // connection refused, reset or timed out: retry
        }
        await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)) + Math.random() * 200);
      }
    };

    const started = Date.now();
    const all = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
    // Kill once a quarter are in, with the rest in flight.
    while (acked.size < clients / 4 && Date.now() - started < 15_000) await sleep(20);
    db.kill9();
    killedAt = Date.now();
    ctx.log(`db_kill: MariaDB killed (-9) with ${acked.size}/${clients} acknowledged`);
    await sleep(3000);
    await db.restart();
    backAt = Date.now();
    ctx.log(`db_kill: MariaDB back after ${((backAt - killedAt) / 1000).toFixed(1)} s`);
    await all;
    notes.push(`${clients} clients, ${attempts} requests, ${acked.size} acknowledged, ${clients - acked.size - refused.length} unanswered by the deadline, ${refused.length} refused (${[...new Set(refused)].join(', ') || 'none'}); MariaDB down ${((backAt - killedAt) / 1000).toFixed(1)} s; all in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const c = await createConnection({ uri: url });
    try {
      const [rows] = (await c.query('SELECT id, authorId, idempotencyKey FROM suggestions WHERE campaignId = ?', [campaign.id])) as unknown as [{ id: number; authorId: number; idempotencyKey: string }[]];
      const byKey = new Map<string, number[]>();
      for (const row of rows) (byKey.get(`${row.authorId}:${row.idempotencyKey}`) ?? byKey.set(`${row.authorId}:${row.idempotencyKey}`, []).get(`${row.authorId}:${row.idempotencyKey}`)!).push(row.id);
      let missing = 0;
      for (const [key, a] of acked) if (!(byKey.get(`${a.authorId}:${key}`) ?? []).includes(a.id)) missing++;
      const perAuthor = new Map<number, number>();
      for (const row of rows) perAuthor.set(row.authorId, (perAuthor.get(row.authorId) ?? 0) + 1);
      const duplicates = [...perAuthor.values()].reduce((n, count) => n + Math.max(0, count - 1), 0);
      const figures = { acknowledged: acked.size, missing, duplicates };
      return { figures, ok: missing === 0 && duplicates === 0 && acked.size > 0, notes };
    } finally {
      await c.end();
    }
  } finally {
    collectPii(ctx, t);
    await t.close().catch(() => undefined);
  }
}
