import { given, idempotencyKey } from '../factories/given.js';
import { closedLoop } from '../factories/closed-loop.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { ResidentEntity } from '../../src/residents/resident.entity.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { PersonalDataEventEntity } from '../../src/privacy/personal-data-event.entity.js';
import { PiiCrypto } from '../../src/common/pii-crypto.js';
import { shanghaiDate } from '../../src/calendar/shanghai-time.js';
import { graphql } from '../gql/index.js';
import type { RecordSuggestionInput } from '../gql/graphql.js';

// Issue 19: counter and hotline intake (代录), the phone lookup at the counter, channels in the figures.
const RECORD = graphql(`mutation CounterIntakeRecord($input: RecordSuggestionInput!) {
  recordSuggestion(input: $input) { replayed suggestion { id trackingNumber status channel authorDisplay consentToPublish } }
}`);
const SUBMIT = graphql(`mutation CounterIntakeSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { replayed suggestion { id channel } } }`);
const LOOKUP = graphql(`query CounterIntakeLookup($phone: String!, $reason: String!) {
  residentItemsByPhone(phone: $phone, reason: $reason, first: 20) {
    totalCount edges { node { id trackingNumber status channel title closeReason replies { body adoption } } }
  }
}`);

let phoneSeq = 0;
const freshPhone = () => `139${String(20_000_000 + (process.pid % 1000) * 10_000 + ++phoneSeq).slice(-8)}`;

describe(describeDb('counter and hotline intake'), () => {
  let t: TestApp;
  let campaign: { id: number };
  let clerk: { id: number; token: string };
  let office: { id: number; token: string };
  beforeAll(async () => {
    t = (await startTestApp('counter-intake'))!;
    if (!t) return;
    const g = given(t);
    campaign = await g.campaign();
    const hall = await g.unit({ name: '市民服务中心' });
    clerk = await g.staff(['COUNTER_CLERK'], hall.id);
    office = await g.staff(['COORDINATOR']);
  });
  afterAll(async () => t?.close());
  const skip = () => !t;
  const input = (phone: string, over: Partial<RecordSuggestionInput> = {}): RecordSuggestionInput => ({
    campaignId: campaign.id,
    title: '建议在菜市场门口加装路灯',
    body: '来电居民反映菜市场门口晚上太黑，老人买菜容易摔倒，建议加装路灯。',
    category: '城市建设',
    consentToPublish: true,
    idempotencyKey: idempotencyKey(),
    phone,
    channel: 'PHONE',
    residentName: '王秀英',
    ...over,
  });

  it('a clerk records for a new phone: one unverified resident, the notice queued, same key replays; the resident finds it in /me after signing in', async () => {
    if (skip()) return;
    const phone = freshPhone();
    const i = input(phone);
    const first = await t.gql(RECORD, { input: i }, clerk.token);
    expect(first.errors).toBeUndefined();
    const s = first.data.recordSuggestion.suggestion;
    expect(s).toMatchObject({ status: 'SUBMITTED', channel: 'PHONE', authorDisplay: '王**', consentToPublish: true });

    const again = await t.gql(RECORD, { input: i }, clerk.token);
    expect(again.data.recordSuggestion).toEqual({ replayed: true, suggestion: s });
    const changed = await t.gql(RECORD, { input: { ...i, body: i.body + '谢谢。' } }, clerk.token);
    expect(changed.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const hash = t.app.get(PiiCrypto).lookupHash(phone);
    const residents = await t.dataSource.getRepository(ResidentEntity).findBy({ phoneHash: hash });
    expect(residents).toHaveLength(1);
    expect(residents[0]!.verifiedAt).toBeNull();
    expect(residents[0]!.displayName).toBe('王秀英');
    const row = await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id: s.id });
    expect(row).toMatchObject({ authorId: residents[0]!.id, channel: 'PHONE', recordedById: clerk.id, consentInPerson: true });
    const notices = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'notice.resident' });
    expect(notices.filter((n) => (n.payload as { suggestionId: number }).suggestionId === s.id)).toHaveLength(1);

    // A second item for the same phone, by letter: the same resident.
    const letter = await t.gql(RECORD, { input: input(phone, { channel: 'LETTER', title: '来信：小区垃圾分类亭' }) }, office.token);
    expect(letter.errors).toBeUndefined();
    expect(await t.dataSource.getRepository(ResidentEntity).countBy({ phoneHash: hash })).toBe(1);

    // The resident signs in with the phone later and sees both in /me (mySuggestions).
    await t.gql(graphql(`mutation CounterIntakeRequestLoginCode($i: RequestLoginCodeInput!) { requestLoginCode(input: $i) { sent } }`), { i: { phone } });
    const signIn = await t.gql(graphql(`mutation CounterIntakeSignInWithCode($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken } }`), { i: { phone, code: t.lastCodeFor(phone) } });
    expect(signIn.errors).toBeUndefined();
    const token = signIn.data.signInWithCode.accessToken;
    const mine = await t.gql(graphql(`query CounterIntakeMe { me { displayName } mySuggestions(first: 10) { totalCount edges { node { id channel title recordedById consentInPerson } } } }`), {}, token);
    expect(mine.data.me.displayName).toBe('王秀英');
    expect(mine.data.mySuggestions.totalCount).toBe(2);
    const mineById = new Map(mine.data.mySuggestions.edges.map((e: { node: { id: number } }) => [e.node.id, e.node]));
    // The author reads their words in full, but not who recorded them.
    expect(mineById.get(s.id)).toEqual({ id: s.id, channel: 'PHONE', title: i.title, recordedById: null, consentInPerson: null });
    expect((await t.dataSource.getRepository(ResidentEntity).findOneByOrFail({ phoneHash: hash })).verifiedAt).not.toBeNull();
  });

  it('refuses residents, unit staff and bad phones; keeps the intake rules (category, ONLINE is not a recorded channel)', async () => {
    if (skip()) return;
    const g = given(t);
    const resident = await g.resident();
    const unit = await g.unit();
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    for (const token of [resident.token, handler.token]) {
      const r = await t.gql(RECORD, { input: input(freshPhone()) }, token);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anon = await t.gql(RECORD, { input: input(freshPhone()) });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const badPhone = await t.gql(RECORD, { input: input('12345678901') }, clerk.token);
    expect(badPhone.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const online = await t.gql(RECORD, { input: input(freshPhone(), { channel: 'ONLINE' }) }, clerk.token);
    expect(online.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const category = await t.gql(RECORD, { input: input(freshPhone(), { category: '不存在的类别' }) }, clerk.token);
    expect(category.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('never shows who recorded an item outside the staff handling it: not to the public, the tracking page or evaluators', async () => {
    if (skip()) return;
    const phone = freshPhone();
    const rec = await t.gql(RECORD, { input: input(phone, { channel: 'COUNTER' }) }, clerk.token);
    const s = rec.data.recordSuggestion.suggestion;
    const tracked = await t.gql(graphql(`query CounterIntakeTrackSuggestion($n: String!) { trackSuggestion(trackingNumber: $n) { title timeline { action actorKind unitId } } }`), { n: s.trackingNumber });
    expect(tracked.data.trackSuggestion.timeline).toEqual([{ action: 'record', actorKind: 'STAFF', unitId: null }]);
    expect(tracked.body).not.toContain(phone);
    const asOffice = await t.gql(graphql(`query CounterIntakeSuggestion($id: Int!) { suggestion(id: $id) { recordedById consentInPerson channel } }`), { id: s.id }, office.token);
    expect(asOffice.data.suggestion).toEqual({ recordedById: clerk.id, consentInPerson: true, channel: 'COUNTER' });
    // No public type carries a recorder: the feed item, the tracking page, the year summary.
    const types = await t.gql(graphql(`query CounterIntake__type { a: __type(name: "PublicSuggestion") { fields { name } } b: __type(name: "SuggestionTracking") { fields { name } } c: __type(name: "YearSummaryChannel") { fields { name } } }`));
    for (const ty of [types.data.a, types.data.b, types.data.c]) {
      expect(ty.fields.map((f: { name: string }) => f.name).filter((n: string) => /record|clerk|staff/i.test(n))).toEqual([]);
    }
    const evaluator = await given(t).staff(['EVALUATOR']);
    const asEvaluator = await t.gql(graphql(`query CounterIntakePublicSuggestions { publicSuggestions(first: 50) { edges { node { id } } } }`), {}, evaluator.token);
    expect(asEvaluator.body).not.toContain(`"recordedById"`);
  });

  it('counter staff look a resident’s items up by phone to hand out replies: audited, masked, no internal notes', async () => {
    if (skip()) return;
    const phone = freshPhone();
    const rec = await t.gql(RECORD, { input: input(phone, { channel: 'COUNTER', body: '居民王秀英（电话13912345678）反映菜市场门口太黑，建议加装路灯。' }) }, clerk.token);
    const s = rec.data.recordSuggestion.suggestion;
    const unit = await given(t).unit();
    const c = closedLoop(t);
    await c.reply({ suggestionId: s.id, unitId: unit.id, adoption: 'ADOPTED', onTime: true, publishedAt: t.clock.now() });
    await c.reply({ suggestionId: s.id, unitId: unit.id, adoption: 'ADOPTED', onTime: true, publishedAt: null, status: 'PENDING_REVIEW' });

    const reason = '居民到窗口领取答复';
    const found = await t.gql(LOOKUP, { phone: `+86 ${phone}`, reason }, clerk.token);
    expect(found.errors).toBeUndefined();
    expect(found.data.residentItemsByPhone.totalCount).toBe(1);
    const node = found.data.residentItemsByPhone.edges[0].node;
    expect(node).toMatchObject({ id: s.id, trackingNumber: s.trackingNumber, channel: 'COUNTER', status: 'SUBMITTED' });
    expect(node.replies).toHaveLength(1);
    expect(found.body).not.toContain('13912345678');
    const audit = await t.dataSource.getRepository(PersonalDataEventEntity).findBy({ action: 'LOOKUP_BY_PHONE', actorId: clerk.id });
    expect(audit.map((a) => a.reason)).toContain(reason);

    // Nobody else may look, and a phone without an account finds nothing and records nothing.
    const resident = await given(t).resident();
    expect((await t.gql(LOOKUP, { phone, reason }, resident.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const before = await t.dataSource.getRepository(PersonalDataEventEntity).count();
    const none = await t.gql(LOOKUP, { phone: freshPhone(), reason }, clerk.token);
    expect(none.data.residentItemsByPhone.totalCount).toBe(0);
    expect(await t.dataSource.getRepository(PersonalDataEventEntity).count()).toBe(before);
  });

  it('statistics, the year summary and the export break items down by channel, adding up to the totals', async () => {
    if (skip()) return;
    const resident = await given(t).resident();
    const online = await t.gql(SUBMIT, { input: { ...input('x'), phone: undefined, channel: undefined, residentName: undefined, title: '网上：公交线路', idempotencyKey: idempotencyKey() } }, resident.token);
    expect(online.errors).toBeUndefined();
    expect(online.data.submitSuggestion.suggestion.channel).toBe('ONLINE');
    const hotline = await t.gql(RECORD, { input: input(freshPhone(), { channel: 'HOTLINE_12345' }) }, office.token);
    const unit = await given(t).unit();
    await closedLoop(t).reply({ suggestionId: hotline.data.recordSuggestion.suggestion.id, unitId: unit.id, adoption: 'ADOPTED', onTime: true, publishedAt: t.clock.now() });

    const today = shanghaiDate(t.clock.now());
    const stats = await t.gql(
      graphql(`query CounterIntakeStatistics($from: String!, $to: String!) { statistics(from: $from, to: $to, groupBy: CHANNEL) { total { received replied adopted } groups { key label figures { received replied adopted } } } }`),
      { from: `${today.slice(0, 4)}-01-01`, to: today },
      office.token,
    );
    expect(stats.errors).toBeUndefined();
    const { total, groups } = stats.data.statistics;
    const sum = (k: 'received' | 'replied' | 'adopted') => groups.reduce((n, g) => n + (g.figures[k] ?? 0), 0);
    expect(total.received).toBeGreaterThanOrEqual(5);
    for (const k of ['received', 'replied', 'adopted'] as const) expect(sum(k)).toBe(total[k]);
    const byKey = new Map(groups.map((g) => [g.key, g]));
    expect(byKey.get('HOTLINE_12345')!.label).toBe('12345转办');
    expect(byKey.get('HOTLINE_12345')!.figures.replied).toBeGreaterThanOrEqual(1);
    expect(byKey.get('ONLINE')!.figures.received).toBeGreaterThanOrEqual(1);
    expect(stats.body).not.toMatch(/recordedBy|工作人员/);

    const year = Number(today.slice(0, 4));
    const summary = await t.gql(graphql(`query CounterIntakeYearSummary($y: Int!) { yearSummary(year: $y) { handledAndReplied adopted byChannel { channel label received handledAndReplied adopted } } }`), { y: year });
    expect(summary.errors).toBeUndefined();
    const ys = summary.data.yearSummary;
    expect(ys.byChannel.map((c: { channel: string }) => c.channel)).toEqual(['ONLINE', 'COUNTER', 'PHONE', 'LETTER', 'HOTLINE_12345']);
    const ysum = (k: 'received' | 'handledAndReplied' | 'adopted') => ys.byChannel.reduce((n, c) => n + c[k], 0);
    expect(ysum('received')).toBe(total.received);
    expect(ysum('handledAndReplied')).toBe(ys.handledAndReplied);
    expect(ysum('adopted')).toBe(ys.adopted);

    const auditor = await given(t).staff(['AUDITOR']);
    const csv = await fetch(`${t.baseUrl}/exports/statistics?from=${year}-01-01&to=${today}&groupBy=CHANNEL&format=csv`, {
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('渠道');
    expect(text).toContain('窗口代录');
  });
});
