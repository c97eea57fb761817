import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';

// Issue 15: the workbench's "working days left" comes from the api's one calendar (official
// holidays and make-up days), not from Monday–Friday arithmetic in the browser. Across China's
// National Day 2026 (1–7 October off, Saturday 10 October a working day).

const SUBMIT = graphql(`mutation DeadlinesSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id } } }`);
const ASSIGN = graphql(`mutation DeadlinesAssign($input: AssignSuggestionInput!) { assignSuggestion(input: $input) { suggestions { id status } } }`);
const SIGN = graphql(`mutation DeadlinesSign($input: SuggestionIdInput!) { signSuggestion(input: $input) { suggestion { id status } } }`);
const ITEM = graphql(`query DeadlinesItem($id: Int!) { suggestion(id: $id) { id status signDueAt replyDueAt signWorkingDaysLeft replyWorkingDaysLeft workingDaysOverdue } }`);
const INBOX = graphql(`query DeadlinesInbox($filter: InboxFilter) { unitInbox(first: 50, filter: $filter) { edges { node { id signWorkingDaysLeft replyWorkingDaysLeft } } } }`);

describe(describeDb('deadlines in working days'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('deadlines'))!;
  });
  afterAll(async () => t?.close());

  it('counts the working days left across National Day, from assignment to overdue', async () => {
    if (!t) return;
    t.clock.set('2026-09-29T02:00:00Z'); // Tuesday 10:00 Shanghai, two days before the holiday
    const g = given(t);
    const campaign = await g.campaign({ signDays: 1, replyDays: 10 });
    const unit = await g.unit({ name: '市交通运输局' });
    const coordinator = await g.staff(['COORDINATOR']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const author = await g.resident();
    const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '国庆前后的期限', body: '建议在路口增设信号灯，方便行人通行。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() } }, author.token);
    const id = submitted.data.submitSuggestion.suggestion.id as number;
    expect((await t.gql(ASSIGN, { input: { suggestionIds: [id], leadUnitId: unit.id } }, coordinator.token)).errors).toBeUndefined();

    // Sign by Wednesday 30 September; reply within 10 working days: 30 Sep, 8, 9, 10 (make-up Saturday), 12–16, 19 Oct.
    let item = (await t.gql(ITEM, { id }, handler.token)).data.suggestion;
    expect(item.signDueAt).toBe('2026-09-30T15:59:59.999Z');
    expect(item.replyDueAt).toBe('2026-10-19T15:59:59.999Z');
    // Monday–Friday arithmetic would say 14: the seven holiday days are not counted, the make-up Saturday is.
    expect(item).toMatchObject({ status: 'ASSIGNED', signWorkingDaysLeft: 1, replyWorkingDaysLeft: 10, workingDaysOverdue: null });

    // Thursday 8 October, the first working day after the holiday: the sign deadline passed a week
    // ago but only one working day ago (Mon–Fri would say 6); the reply has 8 working days left.
    t.clock.set('2026-10-08T02:00:00Z');
    item = (await t.gql(ITEM, { id }, handler.token)).data.suggestion;
    expect(item).toMatchObject({ signWorkingDaysLeft: -1, replyWorkingDaysLeft: 8, workingDaysOverdue: null });
    const inbox = (await t.gql(INBOX, { filter: 'AWAITING_SIGNATURE' }, handler.token)).data.unitInbox.edges.map((e: { node: unknown }) => e.node);
    expect(inbox).toContainEqual({ id, signWorkingDaysLeft: -1, replyWorkingDaysLeft: 8 });

    // Signed: the sign deadline no longer runs. Friday 9 October: 7 left (the Saturday still counts).
    expect((await t.gql(SIGN, { input: { suggestionId: id } }, handler.token)).errors).toBeUndefined();
    t.clock.set('2026-10-09T02:00:00Z');
    item = (await t.gql(ITEM, { id }, handler.token)).data.suggestion;
    expect(item).toMatchObject({ status: 'IN_PROGRESS', signWorkingDaysLeft: null, replyWorkingDaysLeft: 7 });

    // On the due day: 0 (due today). The morning after: overdue by one, as the 督办 board counts it.
    t.clock.set('2026-10-19T02:00:00Z');
    expect((await t.gql(ITEM, { id }, handler.token)).data.suggestion).toMatchObject({ replyWorkingDaysLeft: 0, workingDaysOverdue: null });
    t.clock.set('2026-10-20T02:00:00Z');
    expect((await t.gql(ITEM, { id }, handler.token)).data.suggestion).toMatchObject({ replyWorkingDaysLeft: -1, workingDaysOverdue: 1 });
  });
});
