import type { Actor } from '../../src/auth/actor.js';
import { ExtensionRequestEntity } from '../../src/assignments/extension-request.entity.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { workflowOf, type Workflow } from '../helpers/workflow.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

// Check-then-act rules under 20 requests at once (issue 12 §5). SQLite runs transactions one
// at a time, so these prove the rules there too; MariaDB (TEST_DB=mysql) is where they race.
const AT_ONCE = 20;

describe(describeDb('integrity under concurrency'), () => {
  let t: TestApp;
  let workflow: Workflow;
  let coordinator: Actor;
  beforeAll(async () => {
    t = (await startTestApp('races'))!;
    if (!t) return;
    workflow = workflowOf(t.app);
    const c = await given(t).staff(['COORDINATOR']);
    coordinator = { kind: 'staff', id: c.id, roles: ['COORDINATOR'], unitId: null };
  });
  afterAll(async () => t?.close());

  const submitAs = (residentId: number, campaignId: number, i: number) =>
    t.app.get(SuggestionsService).submit(
      { kind: 'resident', id: residentId },
      { campaignId, title: `并发提交${i}`, body: `同一位居民同时提交的第${i}条建议。`, category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() },
      `10.0.0.${i + 1}`,
    );

  it(`the daily submission cap holds exactly with ${AT_ONCE} submissions at once`, async () => {
    if (!t) return;
    const g = given(t);
    const [author, campaign] = await Promise.all([g.resident(), g.campaign()]);
    const results = await Promise.allSettled(Array.from({ length: AT_ONCE }, (_, i) => submitAs(author.id, campaign.id, i)));
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(accepted).toHaveLength(t.config.submissionsPerDay);
    for (const r of refused) expect(r.reason.code).toBe('RATE_LIMITED');
    expect(await t.dataSource.getRepository(SuggestionEntity).countBy({ authorId: author.id })).toBe(t.config.submissionsPerDay);
  }, 60_000);

  it(`one suggestion for one idempotency key with ${AT_ONCE} submissions of it at once, and a retry at the daily cap is still its replay`, async () => {
    if (!t) return;
    const g = given(t);
    const [author, campaign] = await Promise.all([g.resident(), g.campaign()]);
    const key = idempotencyKey();
    const input = { campaignId: campaign.id, title: '同一键并发', body: '同一个幂等键同时提交二十次。', category: '城市建设', consentToPublish: true, idempotencyKey: key };
    const service = t.app.get(SuggestionsService);
    const results = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => service.submit({ kind: 'resident', id: author.id }, input, `10.1.0.${i + 1}`)));
    const ids = new Set(results.map((r) => r.suggestion.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await t.dataSource.getRepository(SuggestionEntity).countBy({ authorId: author.id })).toBe(1);
    // Fill the day; the first key's retry still answers with its suggestion, a new key is refused.
    for (let i = 1; i < t.config.submissionsPerDay; i++) await submitAs(author.id, campaign.id, i);
    const retry = await service.submit({ kind: 'resident', id: author.id }, input, '10.1.1.1');
    expect(retry).toMatchObject({ replayed: true, suggestion: { id: [...ids][0] } });
    await expect(submitAs(author.id, campaign.id, 99)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(service.submit({ kind: 'resident', id: author.id }, { ...input, body: '同一个键，另一段内容。' }, '10.1.1.2')).rejects.toMatchObject({ code: 'CONFLICT' });
  }, 60_000);

  it(`one pending extension request per item with ${AT_ONCE} requests at once`, async () => {
    if (!t) return;
    const g = given(t);
    const [unit, author, campaign] = await Promise.all([g.unit(), g.resident(), g.campaign()]);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const h: Actor = { kind: 'staff', id: handler.id, roles: ['UNIT_HANDLER'], unitId: unit.id };
    const { suggestion } = await submitAs(author.id, campaign.id, 0);
    await workflow.assign(coordinator, { suggestionIds: [suggestion.id], leadUnitId: unit.id });
    await workflow.sign(h, { suggestionId: suggestion.id });
    const results = await Promise.allSettled(
      Array.from({ length: AT_ONCE }, (_, i) => workflow.requestExtension(h, { suggestionId: suggestion.id, reason: `需要更多时间${i}`, extraWorkingDays: 5 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('CONFLICT');
    expect(await t.dataSource.getRepository(ExtensionRequestEntity).countBy({ suggestionId: suggestion.id, status: 'PENDING' })).toBe(1);
  }, 60_000);

  it('a co-organiser signs once, however many sign at once', async () => {
    if (!t) return;
    const g = given(t);
    const [lead, co, author, campaign] = await Promise.all([g.unit(), g.unit(), g.resident(), g.campaign()]);
    const coHandler = await g.staff(['UNIT_HANDLER'], co.id);
    const c: Actor = { kind: 'staff', id: coHandler.id, roles: ['UNIT_HANDLER'], unitId: co.id };
    const { suggestion } = await submitAs(author.id, campaign.id, 1);
    await workflow.assign(coordinator, { suggestionIds: [suggestion.id], leadUnitId: lead.id, coUnitIds: [co.id] });
    const results = await Promise.allSettled(Array.from({ length: AT_ONCE }, () => workflow.sign(c, { suggestionId: suggestion.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const events = await t.dataSource.query(`SELECT COUNT(*) AS n FROM timeline_events WHERE suggestionId = ? AND action = 'co-sign'`, [suggestion.id]);
    expect(Number(events[0].n)).toBe(1);
  }, 60_000);

  it('merging P into Q and Q into P at once leaves exactly one merged into the other (and no cycles of three)', async () => {
    if (!t) return;
    const g = given(t);
    const [author, campaign] = await Promise.all([g.resident(), g.campaign()]);
    for (let trial = 0; trial < 5; trial++) {
      // Ten a day per author: a fresh author per trial.
      const a = trial === 0 ? author : await g.resident();
      const [p, q, r] = await Promise.all([0, 1, 2].map((i) => submitAs(a.id, campaign.id, i).then((x) => x.suggestion)));
      const pairs: [number, number][] = [
        [p!.id, q!.id],
        [q!.id, p!.id],
        [q!.id, r!.id],
        [r!.id, p!.id],
      ];
      await Promise.allSettled(pairs.map(([from, to]) => workflow.merge(coordinator, { suggestionId: from, targetId: to })));
      const rows = await t.dataSource.getRepository(SuggestionEntity).findBy([{ id: p!.id }, { id: q!.id }, { id: r!.id }]);
      const byId = new Map(rows.map((x) => [x.id, x]));
      // Follow merged-into links: every chain must end at an item that is not MERGED.
      for (const start of rows) {
        let at = start;
        for (let hops = 0; at.status === 'MERGED'; hops++) {
          expect(hops).toBeLessThan(3);
          at = byId.get(at.mergedIntoId!)!;
        }
        expect(at.status).not.toBe('MERGED');
      }
      expect(rows.filter((x) => x.status !== 'MERGED').length).toBeGreaterThanOrEqual(1);
    }
  }, 60_000);
});
