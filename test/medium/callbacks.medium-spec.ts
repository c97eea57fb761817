import type { Actor } from '../../src/auth/actor.js';
import type { StaffRole } from '../../src/auth/roles.js';
import { CallbacksService } from '../../src/callbacks/callbacks.service.js';
import { CallbackTaskEntity } from '../../src/callbacks/callback-task.entity.js';
import { ConflictError, ForbiddenError } from '../../src/common/errors.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { given, idempotencyKey } from '../factories/given.js';
import { startMedium, type Medium } from '../helpers/medium.js';
import { describeDb } from '../helpers/test-app.js';
import { workflowOf } from '../helpers/workflow.js';

// The follow-up call (回访) after a reply, through the services: who may record it is
// CALLBACK_LIFECYCLE's answer, asked by the service itself — not only the resolver's @Allow.

describe(describeDb('follow-up calls, through the services'), () => {
  let m: Medium;
  beforeAll(async () => {
    m = (await startMedium('callbacks'))!;
  });
  afterAll(async () => m?.close());

  const staffActor = (s: { id: number; roles: StaffRole[]; unitId: number | null }) => ({ kind: 'staff', id: s.id, roles: s.roles, unitId: s.unitId }) satisfies Actor;

  /** An item answered by unit A (unit B co-organises nothing here), and its open call task. */
  async function anAnsweredItem() {
    const g = given(m);
    m.clock.set('2025-09-22T02:00:00Z'); // a Monday
    const unitA = await g.unit();
    const unitB = await g.unit();
    const actors = {
      office: staffActor(await g.staff(['COORDINATOR'])),
      auditor: staffActor(await g.staff(['AUDITOR'])),
      evaluator: staffActor(await g.staff(['EVALUATOR'])),
      handlerA: staffActor(await g.staff(['UNIT_HANDLER'], unitA.id)),
      adminA: staffActor(await g.staff(['UNIT_ADMIN'], unitA.id)),
      handlerB: staffActor(await g.staff(['UNIT_HANDLER'], unitB.id)),
      author: { kind: 'resident', id: (await g.resident()).id } satisfies Actor,
    };
    const c = await g.campaign({ opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });
    const { suggestion } = await m.app.get(SuggestionsService).submit(actors.author, { campaignId: c.id, title: '路灯不亮', body: '小区东门的路灯已经坏了一周。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() }, '10.1.0.2');
    const workflow = workflowOf(m.app);
    await workflow.assign(actors.office, { suggestionIds: [suggestion.id], leadUnitId: unitA.id });
    await workflow.sign(actors.handlerA, { suggestionId: suggestion.id });
    const { reply } = await workflow.reply(actors.handlerA, { suggestionId: suggestion.id, body: '已修复东门路灯。', adoption: 'ADOPTED' });
    const callbacks = m.app.get(CallbacksService);
    await callbacks.createForReply({ suggestionId: suggestion.id, replyId: reply.id });
    const task = await m.dataSource.getRepository(CallbackTaskEntity).findOneByOrFail({ replyId: reply.id });
    return { callbacks, task, actors };
  }

  const reload = (id: number) => m.dataSource.getRepository(CallbackTaskEntity).findOneByOrFail({ id });

  it('only the office records the call; a unit that did not handle the item is refused without learning its status', async () => {
    if (!m) return;
    const { callbacks, task, actors } = await anAnsweredItem();
    const input = { id: task.id, outcome: 'REACHED_SATISFIED' as const, note: '居民表示满意' };

    // No part in the item: the other unit, an evaluator, a resident.
    for (const stranger of [actors.handlerB, actors.evaluator, actors.author]) {
      await expect(callbacks.complete(stranger, input)).rejects.toThrow(ForbiddenError);
    }
    // Readers of the call, but not its caller: the handling unit and an auditor.
    for (const reader of [actors.handlerA, actors.adminA, actors.auditor]) {
      await expect(callbacks.complete(reader, input)).rejects.toThrow(ForbiddenError);
    }
    expect(await reload(task.id)).toMatchObject({ status: 'OPEN', outcome: null, completedById: null });

    const done = await callbacks.complete(actors.office, input);
    expect(done).toMatchObject({ id: task.id, status: 'DONE', outcome: 'REACHED_SATISFIED', note: '居民表示满意', completedById: actors.office.id });
    expect(await reload(task.id)).toMatchObject({ status: 'DONE', outcome: 'REACHED_SATISFIED' });

    // Once: the office is told it was done; a stranger is still only refused.
    await expect(callbacks.complete(actors.office, { ...input, outcome: 'NOT_REACHED' })).rejects.toThrow(ConflictError);
    await expect(callbacks.complete(actors.handlerB, input)).rejects.toThrow(ForbiddenError);
    expect(await reload(task.id)).toMatchObject({ outcome: 'REACHED_SATISFIED' });
  });

  it('the list gives the handling unit the item’s call and the other unit none', async () => {
    if (!m) return;
    const { callbacks, task, actors } = await anAnsweredItem();
    const ids = async (actor: Actor) => (await callbacks.list(actor, { first: 20, suggestionId: task.suggestionId })).edges.map((e) => e.node.id);
    expect(await ids(actors.handlerA)).toEqual([task.id]);
    expect(await ids(actors.office)).toEqual([task.id]);
    expect(await ids(actors.handlerB)).toEqual([]);
    await expect(callbacks.list(actors.evaluator, { first: 20 })).rejects.toThrow(ForbiddenError);
  });
});
