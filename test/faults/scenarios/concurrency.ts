import type { Actor } from '../../../src/auth/actor.js';
import { SuggestionsService } from '../../../src/suggestions/suggestions.service.js';
import { TimelineEventEntity } from '../../../src/suggestions/timeline-event.entity.js';
import { workflowOf } from '../../helpers/workflow.js';
import { given, idempotencyKey } from '../../factories/given.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startSecurityApp } from '../../security/lib/security-app.js';
import { collectPii, type FaultContext, type ScenarioResult } from '../lib/context.js';

export interface ConcurrencyFigures {
  trials: number;
  trials_with_other_than_one_winner: number;
}

/**
 * 50 conflicting transitions at once on MariaDB (the private instance), trial after trial: 50
 * handlers reply to the same item, or 50 sign it. The conditional UPDATE lets exactly one win.
 */
export async function concurrencyScenario(ctx: FaultContext): Promise<ScenarioResult<ConcurrencyFigures>> {
  const db = await ctx.mariadb();
  const url = await db.createDatabase('faults_concurrency');
  const t = (await startSecurityApp('faults-concurrency', { database: { type: 'mariadb', url, poolSize: 60 } }))!;
  const notes: string[] = [];
  let trials = 0;
  let bad = 0;
  try {
    const g = given(t as unknown as TestApp);
    const unit = await g.unit();
    const coordinator = await g.staff(['COORDINATOR']);
    const handlers = await Promise.all(Array.from({ length: 5 }, () => g.staff(['UNIT_HANDLER'], unit.id)));
    const campaign = await g.campaign();
    const workflow = workflowOf(t.app);
    const suggestions = t.app.get(SuggestionsService);
    const coord: Actor = { kind: 'staff', id: coordinator.id, roles: ['COORDINATOR'], unitId: null };
    const handler = (i: number): Actor => ({ kind: 'staff', id: handlers[i % 5]!.id, roles: ['UNIT_HANDLER'], unitId: unit.id });
    const total = ctx.quick ? 6 : 20;
    for (let trial = 0; trial < total; trial++) {
      const author = await g.resident();
      const input = { campaignId: campaign.id, title: '并发测试', body: '五十个经办人同时处理同一条建议。', category: campaign.categories[0]!, consentToPublish: true, idempotencyKey: idempotencyKey() };
      const { suggestion } = await suggestions.submit({ kind: 'resident', id: author.id }, input, `10.77.${trial}.1`);
      await workflow.assign(coord, { suggestionIds: [suggestion.id], leadUnitId: unit.id });
      const action = trial % 2 === 0 ? 'reply' : 'sign';
      if (action === 'reply') await workflow.sign(handler(0), { suggestionId: suggestion.id });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          action === 'reply'
            ? workflow.reply(handler(i), { suggestionId: suggestion.id, body: `答复版本${i}：我们将尽快处理。`, adoption: 'ADOPTED' })
            : workflow.sign(handler(i), { suggestionId: suggestion.id }),
        ),
      );
      const winners = results.filter((r) => r.status === 'fulfilled').length;
      const losersNotConflict = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code !== 'CONFLICT').length;
      const events = await t.dataSource.getRepository(TimelineEventEntity).countBy({ suggestionId: suggestion.id, action });
      trials++;
      if (winners !== 1 || events !== 1 || losersNotConflict) {
        bad++;
        notes.push(`trial ${trial} (${action}): ${winners} winners, ${events} timeline events, ${losersNotConflict} losers without CONFLICT`);
      }
    }
  } finally {
    collectPii(ctx, t);
    await t.close();
  }
  return { figures: { trials, trials_with_other_than_one_winner: bad }, ok: bad === 0 && trials > 0, notes };
}
