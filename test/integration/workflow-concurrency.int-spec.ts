import type { Actor } from '../../src/auth/actor.js';
import { workflowOf } from '../helpers/workflow.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { TimelineEventEntity } from '../../src/suggestions/timeline-event.entity.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

// Two handlers replying at once must not both win: the conditional UPDATE decides.
describe(describeDb('concurrent conflicting transitions'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('concurrency'))!;
  });
  afterAll(async () => t?.close());

  it('50 handlers reply to the same item at once: exactly one wins, the rest get CONFLICT', async () => {
    if (!t) return;
    const g = given(t);
    const unit = await g.unit();
    const coordinator = await g.staff(['COORDINATOR']);
    const handlers = await Promise.all(Array.from({ length: 5 }, () => g.staff(['UNIT_HANDLER'], unit.id)));
    const author = await g.resident();
    const campaign = await g.campaign();
    const workflow = workflowOf(t.app);
    const coord: Actor = { kind: 'staff', id: coordinator.id, roles: ['COORDINATOR'], unitId: null };
    const trials = Number(process.env.CONCURRENCY_TRIALS ?? 3);
    for (let trial = 0; trial < trials; trial++) {
      const { suggestion } = await t.app.get(SuggestionsService).submit({ kind: 'resident', id: author.id }, { campaignId: campaign.id, title: '并发测试', body: '两个经办人同时答复同一条建议。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() }, '127.0.0.1');
      await workflow.assign(coord, { suggestionIds: [suggestion.id], leadUnitId: unit.id });
      const h: Actor = { kind: 'staff', id: handlers[0]!.id, roles: ['UNIT_HANDLER'], unitId: unit.id };
      await workflow.sign(h, { suggestionId: suggestion.id });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => {
          const actor: Actor = { kind: 'staff', id: handlers[i % 5]!.id, roles: ['UNIT_HANDLER'], unitId: unit.id };
          return workflow.reply(actor, { suggestionId: suggestion.id, body: `答复版本${i}：我们将尽快处理。`, adoption: 'ADOPTED' });
        }),
      );
      const winners = results.filter((r) => r.status === 'fulfilled');
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(winners).toHaveLength(1);
      // A loser either lost the conditional UPDATE or, arriving later, found the item already REPLIED.
      for (const l of losers) expect(l.reason.code).toBe('CONFLICT');
      expect(await t.dataSource.getRepository(TimelineEventEntity).countBy({ suggestionId: suggestion.id, action: 'reply' })).toBe(1);
      expect(await t.dataSource.getRepository(ReplyEntity).countBy({ suggestionId: suggestion.id })).toBe(1);
    }
  }, 60_000);
});
