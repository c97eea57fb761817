import type { Actor } from '../../src/auth/actor.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { workflowOf, type Workflow } from '../helpers/workflow.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

// A caller with no part in an item gets FORBIDDEN before any CONFLICT that would reveal its
// status, version or replies (issue 12 §5), whatever state the item is in.
describe(describeDb('strangers are refused before conflicts'), () => {
  let t: TestApp;
  let workflow: Workflow;
  let coordinator: Actor;
  let lead: Actor;
  let otherUnit: Actor;
  let author: Actor;
  let otherResident: Actor;
  let campaignId: number;
  let leadUnitId: number;

  beforeAll(async () => {
    t = (await startTestApp('strangers'))!;
    if (!t) return;
    workflow = workflowOf(t.app);
    const g = given(t);
    const [u1, u2, c, r1, r2, camp] = await Promise.all([g.unit(), g.unit(), g.staff(['COORDINATOR']), g.resident(), g.resident(), g.campaign()]);
    const [h1, h2] = await Promise.all([g.staff(['UNIT_HANDLER'], u1.id), g.staff(['UNIT_HANDLER'], u2.id)]);
    coordinator = { kind: 'staff', id: c.id, roles: ['COORDINATOR'], unitId: null };
    lead = { kind: 'staff', id: h1.id, roles: ['UNIT_HANDLER'], unitId: u1.id };
    otherUnit = { kind: 'staff', id: h2.id, roles: ['UNIT_HANDLER'], unitId: u2.id };
    author = { kind: 'resident', id: r1.id };
    otherResident = { kind: 'resident', id: r2.id };
    campaignId = camp.id;
    leadUnitId = u1.id;
  });
  afterAll(async () => t?.close());

  let n = 0;
  async function itemIn(stage: 'ASSIGNED' | 'IN_PROGRESS' | 'REPLIED' | 'CLOSED') {
    const { suggestion } = await t.app.get(SuggestionsService).submit(
      author,
      { campaignId, title: `陌生人测试${++n}`, body: '陌生人不应得知这条建议的状态。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() },
      '127.0.0.1',
    );
    await workflow.assign(coordinator, { suggestionIds: [suggestion.id], leadUnitId });
    if (stage === 'ASSIGNED') return { id: suggestion.id, replyId: null };
    await workflow.sign(lead, { suggestionId: suggestion.id });
    if (stage === 'IN_PROGRESS') return { id: suggestion.id, replyId: null };
    const { reply } = await workflow.reply(lead, { suggestionId: suggestion.id, body: '感谢您的建议，我们已经安排处理。', adoption: 'ADOPTED' });
    if (stage === 'CLOSED') await workflow.rate(author, { replyId: reply.id, level: 'SATISFIED' });
    return { id: suggestion.id, replyId: reply.id };
  }

  const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: { code?: string }) => e.code ?? String(e));
  const STAGES = ['ASSIGNED', 'IN_PROGRESS', 'REPLIED', 'CLOSED'] as const;
  const STALE = 999;

  it.each(STAGES)('another unit signing, returning or replying with a stale expectedVersion (item %s): FORBIDDEN', async (stage) => {
    if (!t) return;
    const { id } = await itemIn(stage);
    expect(await codeOf(workflow.sign(otherUnit, { suggestionId: id, expectedVersion: STALE }))).toBe('FORBIDDEN');
    expect(await codeOf(workflow.returnToOffice(otherUnit, { suggestionId: id, reason: '不归我们管', expectedVersion: STALE }))).toBe('FORBIDDEN');
    expect(await codeOf(workflow.reply(otherUnit, { suggestionId: id, body: '这不是我们单位的事项。', adoption: 'FOR_REFERENCE', expectedVersion: STALE }))).toBe('FORBIDDEN');
    expect(await codeOf(workflow.requestExtension(otherUnit, { suggestionId: id, reason: '需要时间', extraWorkingDays: 3 }))).toBe('FORBIDDEN');
    // The lead unit itself does learn of the stale version (or the status): it has a part in the item.
    expect(await codeOf(workflow.sign(lead, { suggestionId: id, expectedVersion: STALE }))).toBe('CONFLICT');
  }, 30_000);

  it.each(['REPLIED', 'CLOSED'] as const)('another resident rating the reply of an item %s: FORBIDDEN', async (stage) => {
    if (!t) return;
    const { replyId } = await itemIn(stage);
    expect(await codeOf(workflow.rate(otherResident, { replyId: replyId!, level: 'UNSATISFIED' }))).toBe('FORBIDDEN');
  }, 30_000);

  it('another resident rating a reply that a newer reply replaced: FORBIDDEN, not "a newer reply replaced this one"', async () => {
    if (!t) return;
    const { id, replyId } = await itemIn('REPLIED');
    await workflow.rate(author, { replyId: replyId!, level: 'UNSATISFIED' }); // 重办: back to the unit
    await workflow.reply(lead, { suggestionId: id, body: '重新办理后的答复，已经落实。', adoption: 'ADOPTED' });
    expect(await codeOf(workflow.rate(otherResident, { replyId: replyId!, level: 'SATISFIED' }))).toBe('FORBIDDEN');
    expect(await codeOf(workflow.rate(author, { replyId: replyId!, level: 'SATISFIED' }))).toBe('CONFLICT');
  }, 30_000);

  it('another resident withdrawing an item that is no longer SUBMITTED: FORBIDDEN', async () => {
    if (!t) return;
    const { id } = await itemIn('IN_PROGRESS');
    expect(await codeOf(workflow.withdraw(otherResident, { suggestionId: id }))).toBe('FORBIDDEN');
  }, 30_000);
});
