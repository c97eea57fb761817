import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { ResidentEntity } from '../../src/residents/resident.entity.js';
import { RatingEntity } from '../../src/replies/rating.entity.js';
import { PersonalDataEventEntity } from '../../src/privacy/personal-data-event.entity.js';
import { workflowOf } from '../helpers/workflow.js';
import type { Actor } from '../../src/auth/actor.js';
import { graphql } from '../gql/index.js';

const SUBMIT = graphql(`mutation PrivacySubmit($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { id trackingNumber authorDisplay } } }`);
const EXPORT = graphql(`query PrivacyExport { exportMyData { generatedAt json } }`);
const DELETE = graphql(`mutation PrivacyDelete { deleteMyAccount(input: { confirm: true }) { deleted anonymisedSuggestions } }`);
const REVEAL = graphql(`mutation PrivacyReveal($i: RevealContactInput!) { revealContact(input: $i) { suggestionId phone displayName auditId revealedAt } }`);
const AUDIT = graphql(`query PrivacyAudit($r: Int) { personalDataEvents(residentId: $r, first: 20) { totalCount edges { node { action actorKind actorId actorUnitId residentId suggestionId reason at } } } }`);

// Issue 8 §5: a resident exports and deletes their data; every reveal of contact details is audited.
describe(describeDb('personal data: export, delete, audited reveal'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('privacy'))!;
  });
  afterAll(async () => t?.close());

  async function residentWithItem(phone: string, displayName = '王小明') {
    const g = given(t);
    const campaign = await g.campaign();
    const r = await g.resident({ phone, displayName });
    const input = { campaignId: campaign.id, title: '建议修缮人行道', body: '人行道破损严重，雨天积水，建议尽快修缮。', category: campaign.categories[0], consentToPublish: true, idempotencyKey: idempotencyKey() };
    const res = await t.gql(SUBMIT, { i: input }, r.token);
    expect(res.errors).toBeUndefined();
    return { r, campaign, suggestion: res.data.submitSuggestion.suggestion as { id: number; trackingNumber: string } };
  }

  it('exports everything about the resident as JSON, and records the export', async () => {
    const { r, suggestion } = await residentWithItem('13912345001');
    const res = await t.gql(EXPORT, {}, r.token);
    expect(res.errors).toBeUndefined();
    const doc = JSON.parse(res.data.exportMyData.json);
    expect(doc.format).toBe('civicloop-personal-data/1');
    expect(doc.account).toMatchObject({ id: r.id, displayName: '王小明', phone: '13912345001' });
    expect(doc.suggestions).toEqual([expect.objectContaining({ trackingNumber: suggestion.trackingNumber, title: '建议修缮人行道', status: 'SUBMITTED' })]);
    expect(doc.suggestions[0].history).toEqual([expect.objectContaining({ action: 'submit', toStatus: 'SUBMITTED' })]);
    const events = await t.dataSource.getRepository(PersonalDataEventEntity).findBy({ residentId: r.id });
    expect(events).toEqual([expect.objectContaining({ action: 'EXPORT', actorKind: 'RESIDENT', actorId: r.id })]);
    // Another resident's export holds nothing of this one.
    const other = await given(t).resident();
    const theirs = await t.gql(EXPORT, {}, other.token);
    expect(theirs.data.exportMyData.json).not.toContain('13912345001');
    expect(theirs.data.exportMyData.json).not.toContain(suggestion.trackingNumber);
  });

  it('deletes an account: phone and name erased, items anonymised, statistics kept, in one transaction', async () => {
    const { r, suggestion } = await residentWithItem('13912345002', '李四光');
    // A replied and rated item: the rating stays for the unit's satisfaction figures.
    const g = given(t);
    const unit = await g.unit();
    const coordinator = await g.staff(['COORDINATOR']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const workflow = workflowOf(t.app);
    const coord: Actor = { kind: 'staff', id: coordinator.id, roles: ['COORDINATOR'], unitId: null };
    const h: Actor = { kind: 'staff', id: handler.id, roles: ['UNIT_HANDLER'], unitId: unit.id };
    await workflow.assign(coord, { suggestionIds: [suggestion.id], leadUnitId: unit.id });
    await workflow.sign(h, { suggestionId: suggestion.id });
    const { reply } = await workflow.reply(h, { suggestionId: suggestion.id, body: '已安排施工队修缮，感谢您的建议。', adoption: 'ADOPTED' });
    await workflow.rate({ kind: 'resident', id: r.id }, { replyId: reply.id, level: 'SATISFIED' });
    const countsBefore = await t.gql(graphql(`query PrivacyCampaign($id: Int!) { campaign(id: $id) { counts { received replied adopted } } }`), { id: (await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id: suggestion.id })).campaignId });

    const res = await t.gql(DELETE, {}, r.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.deleteMyAccount).toEqual({ deleted: true, anonymisedSuggestions: 1 });

    const row = await t.dataSource.getRepository(ResidentEntity).findOneByOrFail({ id: r.id });
    expect(row).toMatchObject({ phoneCiphertext: null, phoneHash: null, displayName: '已注销用户' });
    expect(row.deletedAt).toBeInstanceOf(Date);
    const item = await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id: suggestion.id });
    expect(item).toMatchObject({ authorId: null, authorName: null, status: 'CLOSED' });
    const rating = await t.dataSource.getRepository(RatingEntity).findOneByOrFail({ replyId: reply.id });
    expect(rating).toMatchObject({ residentId: null, level: 'SATISFIED' });
    // Statistics are unchanged; the public sees the item without a name.
    const countsAfter = await t.gql(graphql(`query PrivacyCampaign2($id: Int!) { campaign(id: $id) { counts { received replied adopted } } }`), { id: item.campaignId });
    expect(countsAfter.data).toEqual(countsBefore.data);
    const tracked = await t.gql(graphql(`query PrivacyTrackSuggestion($n: String!) { trackSuggestion(trackingNumber: $n) { authorDisplay status } }`), { n: suggestion.trackingNumber });
    expect(tracked.data.trackSuggestion).toEqual({ authorDisplay: '匿名', status: 'CLOSED' });
    expect(tracked.body).not.toMatch(/李/);
    // The old token no longer works for the deleted account.
    expect((await t.gql(graphql(`query PrivacyMe { me { id } }`), {}, r.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(DELETE, {}, r.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Signing in again with the same phone starts a new, empty account.
    await t.gql(graphql(`mutation PrivacyRequestLoginCode { requestLoginCode(input: { phone: "13912345002" }) { sent } }`));
    const signIn = await t.gql(graphql(`mutation PrivacySignInWithCode($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken } }`), { i: { phone: '13912345002', code: t.lastCodeFor('13912345002') } });
    const mine = await t.gql(graphql(`query PrivacyMySuggestions { mySuggestions { totalCount } me { id } }`), {}, signIn.data.signInWithCode.accessToken);
    expect(mine.data.mySuggestions.totalCount).toBe(0);
    expect(mine.data.me.id).not.toBe(r.id);
    const audit = await t.dataSource.getRepository(PersonalDataEventEntity).findBy({ residentId: r.id, action: 'DELETE_ACCOUNT' });
    expect(audit).toHaveLength(1);
  });

  it('refuses deletion without confirmation', async () => {
    const r = await given(t).resident();
    const res = await t.gql(graphql(`mutation PrivacyDeleteMyAccount { deleteMyAccount(input: { confirm: false }) { deleted } }`), {}, r.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'confirm' });
    expect((await t.dataSource.getRepository(ResidentEntity).findOneByOrFail({ id: r.id })).deletedAt).toBeNull();
  });

  it('reveals a phone to the office or the unit holding the item, recording who, why and when; nobody else', async () => {
    const { r, suggestion } = await residentWithItem('13912345003', '赵六');
    const g = given(t);
    const unit = await g.unit();
    const otherUnit = await g.unit();
    const coordinator = await g.staff(['COORDINATOR']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const otherHandler = await g.staff(['UNIT_HANDLER'], otherUnit.id);
    const auditor = await g.staff(['AUDITOR']);
    const reason = '电话回访，核实诉求细节';

    // Before assignment: the office only.
    expect((await t.gql(REVEAL, { i: { suggestionId: suggestion.id, reason } }, handler.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOffice = await t.gql(REVEAL, { i: { suggestionId: suggestion.id, reason } }, coordinator.token);
    expect(byOffice.errors).toBeUndefined();
    expect(byOffice.data.revealContact).toMatchObject({ suggestionId: suggestion.id, phone: '13912345003', displayName: '赵六' });

    await workflowOf(t.app).assign({ kind: 'staff', id: coordinator.id, roles: ['COORDINATOR'], unitId: null }, { suggestionIds: [suggestion.id], leadUnitId: unit.id });
    const byUnit = await t.gql(REVEAL, { i: { suggestionId: suggestion.id, reason } }, handler.token);
    expect(byUnit.data.revealContact.phone).toBe('13912345003');
    for (const outsider of [otherHandler.token, auditor.token, r.token, undefined]) {
      const res = await t.gql(REVEAL, { i: { suggestionId: suggestion.id, reason } }, outsider);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.errors?.[0]?.extensions?.code);
      expect(res.body).not.toContain('13912345003');
    }
    expect((await t.gql(REVEAL, { i: { suggestionId: suggestion.id, reason: '看看' } }, coordinator.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    // The audit, for the auditor: who, why, when, on which item.
    const audit = await t.gql(AUDIT, { r: r.id }, auditor.token);
    const nodes = audit.data.personalDataEvents.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toEqual([
      expect.objectContaining({ action: 'REVEAL_CONTACT', actorKind: 'STAFF', actorId: handler.id, actorUnitId: unit.id, suggestionId: suggestion.id, reason }),
      expect.objectContaining({ action: 'REVEAL_CONTACT', actorKind: 'STAFF', actorId: coordinator.id, actorUnitId: null, suggestionId: suggestion.id, reason }),
    ]);
    expect(audit.body).not.toContain('13912345003');
    // Only auditors and admins read the audit.
    expect((await t.gql(AUDIT, { r: r.id }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The resident sees in their export that their contact was revealed, and why.
    const doc = JSON.parse((await t.gql(EXPORT, {}, r.token)).data.exportMyData.json);
    expect(doc.accessesToYourData.filter((a: { action: string }) => a.action === 'REVEAL_CONTACT')).toEqual([
      expect.objectContaining({ by: 'STAFF', reason }),
      expect.objectContaining({ by: 'STAFF', reason }),
    ]);
  });

  it('has nothing to reveal once the author deleted their account', async () => {
    const { r, suggestion } = await residentWithItem('13912345004');
    const coordinator = await given(t).staff(['COORDINATOR']);
    await t.gql(DELETE, {}, r.token);
    const res = await t.gql(REVEAL, { i: { suggestionId: suggestion.id, reason: '电话回访核实情况' } }, coordinator.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
