import { ACCESS_TABLE } from './access-table.js';
import { runAuthzMatrix, type AuthzReport } from './lib/authz.js';
import { startSecurityApp, type SecurityApp } from './lib/security-app.js';
import { buildWorld, type World } from './lib/world.js';
import { CallbacksService } from '../../src/callbacks/callbacks.service.js';
import { CallbackTaskEntity } from '../../src/callbacks/callback-task.entity.js';

// Issue 8 §1: every query and mutation × every caller, against the declared table.
describe('authorization matrix (generated from the live schema)', () => {
  let t: SecurityApp;
  let report: AuthzReport;
  let world: World;
  beforeAll(async () => {
    t = (await startSecurityApp('authz'))!;
    world = await buildWorld(t);
    const lines: string[] = [];
    report = await runAuthzMatrix(t, ACCESS_TABLE, { log: (l) => lines.push(l), world });
    if (process.env.AUTHZ_VERBOSE) console.log(lines.join('\n'));
  }, 300_000);
  afterAll(async () => t?.close());

  it('has a rule for every operation and an operation for every rule', () => {
    console.log(`authz: cells=${report.figures.cells} wrong_allows=${report.figures.wrong_allows} operations_without_rule=${report.figures.operations_without_rule}`);
    expect(report.operationsWithoutRule).toEqual([]);
    expect(report.rulesWithoutOperation).toEqual([]);
  });

  it('sends a well-formed operation in every cell', () => {
    expect(report.invalid).toEqual([]);
  });

  it('allows no caller the table denies', () => {
    expect(report.wrongAllows).toEqual([]);
  });

  it('refuses no caller the table allows', () => {
    if (report.allowedWithErrors.length) {
      console.log('allowed cells that ended in another error:\n' + report.allowedWithErrors.map((c) => `  ${c.op} ${c.actor}: ${c.detail}`).join('\n'));
    }
    expect(report.wrongDenies).toEqual([]);
  });

  it('shows an outsider nothing of a private item through any query or nested relation', () => {
    expect(report.nested.checks).toBeGreaterThan(0);
    expect(report.nested.leaks).toEqual([]);
  });

  // callbackTasks is open to every unit's staff; the service gives each unit only its own items' calls.
  it('shows a unit the call-backs of the items it handles and no other unit’s', async () => {
    const f = await world.fixture('REPLIED'); // unit A leads and answered
    const callbacks = t.app.get(CallbacksService);
    await callbacks.createForReply({ suggestionId: f.suggestionId, replyId: f.replyId! });
    const tasks = `query($s: Int) { callbackTasks(first: 100, suggestionId: $s) { totalCount edges { node { id suggestionId phoneMasked outcome note } } } }`;
    const office = await t.gql(tasks, { s: f.suggestionId }, { token: world.staff.coordinator.token });
    const task = office.data.callbackTasks.edges[0].node;
    const note = `${f.markers[2]} 居民说新号码是13912345678`;
    const done = await t.gql(
      `mutation($i: CompleteCallbackTaskInput!) { completeCallbackTask(input: $i) { task { id note } } }`,
      { i: { id: task.id, outcome: 'REACHED_UNSATISFIED', note } },
      { token: world.staff.coordinator.token },
    );
    expect(done.data.completeCallbackTask.task.note).toBe(`${f.markers[2]} 居民说新号码是139****5678`);

    for (const who of ['handler', 'unitAdmin'] as const) {
      const mine = await t.gql(tasks, { s: f.suggestionId }, { token: world.staff[who].token });
      expect(mine.data.callbackTasks.edges.map((e: any) => e.node)).toEqual([
        { id: task.id, suggestionId: f.suggestionId, phoneMasked: `${f.owner.phone.slice(0, 3)}****${f.owner.phone.slice(-4)}`, outcome: 'REACHED_UNSATISFIED', note: `${f.markers[2]} 居民说新号码是139****5678` },
      ]);
      expect(mine.body).not.toContain(f.owner.phone);
    }
    // Unit B, with and without the item's id, sees nothing of it.
    for (const s of [f.suggestionId, null]) {
      const other = await t.gql(tasks, { s }, { token: world.staff.otherHandler.token });
      expect(other.errors).toBeUndefined();
      expect(other.data.callbackTasks.edges.map((e: any) => e.node.suggestionId)).not.toContain(f.suggestionId);
      expect(other.body).not.toContain(f.markers[2]);
    }
    // A co-organiser (unit A; unit D leads) follows the item's calls too; unit B still sees none.
    const co = await world.fixture('CO_ORGANISED');
    const now = new Date();
    const coTask = await t.dataSource.getRepository(CallbackTaskEntity).save({
      suggestionId: co.suggestionId, replyId: 900_000 + co.suggestionId, status: 'OPEN', dueAt: now, outcome: null, note: null, completedById: null, completedAt: null, createdAt: now,
    });
    expect((await t.gql(tasks, { s: co.suggestionId }, { token: world.staff.handler.token })).data.callbackTasks.edges.map((e: any) => e.node.id)).toEqual([coTask.id]);
    expect((await t.gql(tasks, { s: co.suggestionId }, { token: world.staff.otherHandler.token })).data.callbackTasks.totalCount).toBe(0);
  });

  it('leaks no phone number or one-time code in any response or log line', () => {
    t.scanLogs();
    expect(t.pii.findings).toEqual([]);
    expect(t.pii.hits).toBe(0);
  });
});
