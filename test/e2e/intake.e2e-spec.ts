import { given, idempotencyKey, TEST_PASSWORD } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { TimelineEventEntity } from '../../src/suggestions/timeline-event.entity.js';
import { graphql } from '../gql/index.js';

const SUBMIT = graphql(`mutation IntakeSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { replayed suggestion { id trackingNumber status title authorDisplay } } }`);

describe(describeDb('foundation: sign in, submit, track'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('intake'))!;
  });
  afterAll(async () => t?.close());
  const skip = () => !t;

  it('a resident signs in with a one-time code, submits and tracks', async () => {
    if (skip()) return;
    const campaign = await given(t).campaign();
    const phone = '13812341234';
    const req = await t.gql(graphql(`mutation IntakeRequestLoginCode($i: RequestLoginCodeInput!) { requestLoginCode(input: $i) { sent expiresInSeconds } }`), { i: { phone: '+86 138 1234 1234' } });
    expect(req.errors).toBeUndefined();
    expect(req.data.requestLoginCode).toEqual({ sent: true, expiresInSeconds: 300 });
    const code = t.lastCodeFor(phone);
    expect(code).toMatch(/^\d{6}$/);

    const signIn = await t.gql(graphql(`mutation IntakeSignInWithCode($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken } }`), { i: { phone, code, displayName: '张三' } });
    expect(signIn.errors).toBeUndefined();
    const token = signIn.data.signInWithCode.accessToken;

    const me = await t.gql(graphql(`query IntakeMe { me { kind displayName phoneMasked roles } }`), {}, token);
    expect(me.data.me).toEqual({ kind: 'RESIDENT', displayName: '张三', phoneMasked: '138****1234', roles: ['RESIDENT'] });

    // A code is single use.
    const again = await t.gql(graphql(`mutation IntakeSignInWithCode2($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken } }`), { i: { phone, code } });
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const input = { campaignId: campaign.id, title: '建议增设公交站', body: '小区门口没有公交站，老人出行不便，建议增设。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() };
    const submitted = await t.gql(SUBMIT, { input }, token);
    expect(submitted.errors).toBeUndefined();
    const s = submitted.data.submitSuggestion.suggestion;
    expect(s.status).toBe('SUBMITTED');
    expect(s.authorDisplay).toBe('张*');
    // Random since issue 12: JY + year + ten Crockford base32 characters, the first a letter.
    expect(s.trackingNumber).toMatch(/^JY\d{4}[A-Z][0-9A-Z]{9}$/);

    const tracked = await t.gql(graphql(`query IntakeTrackSuggestion($n: String!) { trackSuggestion(trackingNumber: $n) { trackingNumber status title authorDisplay timeline { action toStatus actorKind } } }`), { n: s.trackingNumber });
    expect(tracked.data.trackSuggestion).toEqual({
      trackingNumber: s.trackingNumber,
      status: 'SUBMITTED',
      title: '建议增设公交站',
      authorDisplay: '张*',
      timeline: [{ action: 'submit', toStatus: 'SUBMITTED', actorKind: 'RESIDENT' }],
    });
    expect(tracked.body).not.toContain('13812341234');
    expect(tracked.body).not.toContain('张三');

    const mine = await t.gql(graphql(`query IntakeMySuggestions { mySuggestions(first: 10) { totalCount edges { node { id title } } } }`), {}, token);
    expect(mine.data.mySuggestions.totalCount).toBe(1);
    expect(mine.data.mySuggestions.edges[0].node.id).toBe(s.id);

    // The resident's 温馨提醒 is queued in the same transaction.
    const outbox = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'notice.resident' });
    expect(outbox.map((o) => o.payload)).toEqual([expect.objectContaining({ suggestionId: s.id, stage: 'RECEIVED' })]);
  });

  it('same idempotency key and content returns the same suggestion; other content is a CONFLICT', async () => {
    if (skip()) return;
    const campaign = await given(t).campaign();
    const r = await given(t).resident();
    const input = { campaignId: campaign.id, title: '路灯不亮', body: '秀江路路灯连续一周不亮，请尽快维修。', category: '城市建设', consentToPublish: false, idempotencyKey: idempotencyKey() };
    const first = await t.gql(SUBMIT, { input }, r.token);
    const second = await t.gql(SUBMIT, { input }, r.token);
    expect(second.data.submitSuggestion.replayed).toBe(true);
    expect(second.data.submitSuggestion.suggestion.id).toBe(first.data.submitSuggestion.suggestion.id);
    const third = await t.gql(SUBMIT, { input: { ...input, body: input.body + '谢谢！' } }, r.token);
    expect(third.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await t.dataSource.getRepository(SuggestionEntity).countBy({ authorId: r.id })).toBe(1);
  });

  it('bad input answers BAD_USER_INPUT naming the field and writes nothing', async () => {
    if (skip()) return;
    const campaign = await given(t).campaign();
    const r = await given(t).resident();
    const before = await t.dataSource.getRepository(SuggestionEntity).count();
    const base = { campaignId: campaign.id, title: '标题', body: '这是一条足够长的建议内容。', category: '城市建设', consentToPublish: true };
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'x'.repeat(101) }, 'title'],
      [{ body: '太短' }, 'body'],
      [{ body: 'x'.repeat(5001) }, 'body'],
      [{ category: '不存在的分类' }, 'category'],
      [{ idempotencyKey: 'bad key!' }, 'idempotencyKey'],
    ];
    for (const [override, field] of cases) {
      const res = await t.gql(SUBMIT, { input: { ...base, idempotencyKey: idempotencyKey(), ...override } }, r.token);
      expect(res.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
    }
    const unknown = await t.gql(SUBMIT, { input: { ...base, campaignId: 999999, idempotencyKey: idempotencyKey() } }, r.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const closed = await given(t).campaign({ status: 'CLOSED' });
    const toClosed = await t.gql(SUBMIT, { input: { ...base, campaignId: closed.id, idempotencyKey: idempotencyKey() } }, r.token);
    expect(toClosed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(toClosed.errors?.[0]?.message).toMatch(/未在征集期内/);
    expect(await t.dataSource.getRepository(SuggestionEntity).count()).toBe(before);
    expect(await t.dataSource.getRepository(TimelineEventEntity).count()).toBe(await t.dataSource.getRepository(SuggestionEntity).count());
  });

  it('caps submissions per resident per day', async () => {
    if (skip()) return;
    const campaign = await given(t).campaign();
    const r = await given(t).resident();
    const submit = () => t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '建议', body: '这是一条足够长的建议内容。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() } }, r.token);
    for (let i = 0; i < t.config.submissionsPerDay; i++) expect((await submit()).errors).toBeUndefined();
    const over = await submit();
    expect(over.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('refuses the wrong roles and anonymous callers', async () => {
    if (skip()) return;
    const campaign = await given(t).campaign();
    const coordinator = await given(t).staff(['COORDINATOR']);
    const input = { campaignId: campaign.id, title: '建议', body: '这是一条足够长的建议内容。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() };
    expect((await t.gql(SUBMIT, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(SUBMIT, { input }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(SUBMIT, { input }, 'not-a-token')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('staff sign in with username and password', async () => {
    if (skip()) return;
    const s = await given(t).staff(['COORDINATOR']);
    const ok = await t.gql(graphql(`mutation IntakeLogin($i: LoginInput!) { login(input: $i) { accessToken } }`), { i: { username: s.username, password: TEST_PASSWORD } });
    expect(ok.data.login.accessToken).toBeTruthy();
    const me = await t.gql(graphql(`query IntakeMe2 { me { kind roles } }`), {}, ok.data.login.accessToken);
    expect(me.data.me).toEqual({ kind: 'STAFF', roles: ['COORDINATOR'] });
    const bad = await t.gql(graphql(`mutation IntakeLogin2($i: LoginInput!) { login(input: $i) { accessToken } }`), { i: { username: s.username, password: 'wrong' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
