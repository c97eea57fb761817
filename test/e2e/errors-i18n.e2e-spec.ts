import { given } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';

// Issue 13 §3–4: one error shape on HTTP routes; every message in zh-CN (the default) and English.
describe(describeDb('error messages and languages'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('errors-i18n'))!;
  });
  afterAll(async () => t?.close());

  const UNITS = graphql(`query ErrorsI18nUnits($first: Int!) { units(first: $first) { totalCount } }`);

  it('words a validation error in zh-CN by default and in English when asked; the code and field stay', async () => {
    if (!t) return;
    const zh = await t.gql(UNITS, { first: 0 });
    const en = await t.gql(UNITS, { first: 0 }, undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(zh.errors?.[0]).toMatchObject({ message: '每页条数不能小于 1', extensions: { code: 'BAD_USER_INPUT', field: 'first', messageKey: 'input.min', messageParams: { field: 'first', min: 1 } } });
    expect(en.errors?.[0]).toMatchObject({ message: 'Page size must be at least 1', extensions: { code: 'BAD_USER_INPUT', field: 'first', messageKey: 'input.min' } });
    const zhExplicit = await t.gql(UNITS, { first: 0 }, undefined, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(zhExplicit.errors?.[0]?.message).toBe('每页条数不能小于 1');
  });

  it('words a domain refusal without mixing languages', async () => {
    if (!t) return;
    const mutation = graphql(`mutation ErrorsI18nMutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }`);
    const coordinator = await given(t).staff(['COORDINATOR']);
    const input = { year: 2026, number: 31, title: '第31期', topic: '测试', description: '测试用的征集活动。', opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z', categories: ['其他'] };
    expect((await t.gql(mutation, { i: input }, coordinator.token)).errors).toBeUndefined();
    const zh = await t.gql(mutation, { i: input }, coordinator.token);
    const en = await t.gql(mutation, { i: input }, coordinator.token, { 'accept-language': 'en' });
    expect(zh.errors?.[0]).toMatchObject({ message: '2026年第31期征集活动已存在', extensions: { code: 'CONFLICT', field: 'number', messageKey: 'campaign.exists' } });
    expect(en.errors?.[0]?.message).toBe('Campaign no. 31 of 2026 already exists');
  });

  it('answers HTTP routes in one shape, 401, 403, 400 and 404 included, in the caller’s language', async () => {
    if (!t) return;
    const exportUrl = `${t.baseUrl}/exports/statistics?from=2020-01-01&to=2020-12-31`;
    const anonymous = await fetch(exportUrl);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录', messageKey: 'auth.signInFirst' } });
    const badToken = await fetch(exportUrl, { headers: { authorization: 'Bearer not-a-token', 'accept-language': 'en' } });
    expect(badToken.status).toBe(401);
    expect(await badToken.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'The access token is invalid or expired; sign in again', messageKey: 'auth.tokenInvalid' } });
    const resident = await given(t).resident();
    const forbidden = await fetch(exportUrl, { headers: { authorization: `Bearer ${resident.token}` } });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: 'FORBIDDEN', message: '您无权进行此操作', messageKey: 'access.denied' } });
    const office = await given(t).staff(['COORDINATOR']);
    const bad = await fetch(`${t.baseUrl}/exports/statistics?from=2020-13-01&to=2020-12-31`, { headers: { authorization: `Bearer ${office.token}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'from', message: '开始日期须为 YYYY-MM-DD 格式的日期' }) });
    const missing = await fetch(`${t.baseUrl}/no-such-route`, { headers: { 'accept-language': 'en' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such address', messageKey: 'common.routeNotFound' } });
  });
});
