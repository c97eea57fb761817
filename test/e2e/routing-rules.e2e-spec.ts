import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { RoutingRuleEntity } from '../../src/routing/routing-rule.entity.js';
import { graphql } from '../gql/index.js';
import type { UpdateRoutingRuleInput } from '../gql/graphql.js';

// Routing rules kept over time: an admin rewrites a rule or turns it off; a rule that is off
// proposes nothing and stays listed. Refusals leave the rule as it was.

// The fields every document below reads (a fragment: the generated documents carry it).
const FIELDS = graphql(`fragment RoutingRuleFields on RoutingRule {id name keywords leadUnitId coUnitIds priority active }`);
const CREATE = graphql(`mutation RoutingRulesCreate($input: CreateRoutingRuleInput!) { createRoutingRule(input: $input) { routingRule { ...RoutingRuleFields } } }`);
const UPDATE = graphql(`mutation RoutingRulesUpdate($input: UpdateRoutingRuleInput!) { updateRoutingRule(input: $input) { routingRule { ...RoutingRuleFields } } }`);
const SET_ACTIVE = graphql(`mutation RoutingRulesSetActive($input: SetRoutingRuleActiveInput!) { setRoutingRuleActive(input: $input) { routingRule { ...RoutingRuleFields } } }`);
const LIST = graphql(`query RoutingRulesList { routingRules { ...RoutingRuleFields } }`);
const PROPOSE = graphql(`query RoutingRulesPropose($id: Int!) { suggestRouting(suggestionId: $id) { rule { id } leadUnit { id } coUnits { id } } }`);
const SUBMIT = graphql(`mutation RoutingRulesSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id } } }`);

describe(describeDb('routing rules: edit and turn off'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('routing_rules'))!;
  });
  afterAll(async () => t?.close());

  const codeOf = (res: { errors?: { extensions?: Record<string, any> }[] }) => res.errors?.[0]?.extensions?.code;

  it('rewrites a rule and turns it off and on: suggestRouting follows; bad input and other roles change nothing', async () => {
    if (!t) return;
    const g = given(t);
    const lights = await g.unit({ name: '市城市管理局' });
    const roads = await g.unit({ name: '市交通运输局' });
    const admin = await g.staff(['ADMIN']);
    const coordinator = await g.staff(['COORDINATOR']);
    const campaign = await g.campaign();
    const author = await g.resident();

    const created = await t.gql(CREATE, { input: { name: '路灯', keywords: ['路灯'], leadUnitId: lights.id } }, admin.token);
    expect(created.errors).toBeUndefined();
    const rule = created.data.createRoutingRule.routingRule;
    const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '路灯不亮', body: '人民路的路灯坏了一周了，晚上很黑。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() } }, author.token);
    const itemId = submitted.data.submitSuggestion.suggestion.id as number;
    const proposal = async () => (await t.gql(PROPOSE, { id: itemId }, coordinator.token)).data.suggestRouting;
    expect(await proposal()).toEqual({ rule: { id: rule.id }, leadUnit: { id: lights.id }, coUnits: [] });

    // Rewritten whole: another lead, a co-organiser, new keywords.
    const updated = await t.gql(UPDATE, { input: { id: rule.id, name: '路灯与道路', keywords: ['路灯', '道路'], leadUnitId: roads.id, coUnitIds: [lights.id], priority: 10 } }, admin.token);
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateRoutingRule.routingRule).toEqual({ id: rule.id, name: '路灯与道路', keywords: ['路灯', '道路'], leadUnitId: roads.id, coUnitIds: [lights.id], priority: 10, active: true });
    expect(await proposal()).toEqual({ rule: { id: rule.id }, leadUnit: { id: roads.id }, coUnits: [{ id: lights.id }] });

    // Refusals, each leaving the rule as it is: lead also co-organiser, no condition, unknown unit or rule, not an admin.
    const before = await t.dataSource.getRepository(RoutingRuleEntity).findOneByOrFail({ id: rule.id });
    const bad: [UpdateRoutingRuleInput, string, string, string | undefined][] = [
      [{ id: rule.id, name: '路灯', keywords: ['路灯'], leadUnitId: roads.id, coUnitIds: [roads.id] }, admin.token, 'BAD_USER_INPUT', 'coUnitIds'],
      [{ id: rule.id, name: '路灯', keywords: [], leadUnitId: roads.id }, admin.token, 'BAD_USER_INPUT', 'keywords'],
      [{ id: rule.id, name: '路灯', keywords: ['路灯'], leadUnitId: 999_999 }, admin.token, 'NOT_FOUND', undefined],
      [{ id: 999_999, name: '路灯', keywords: ['路灯'], leadUnitId: roads.id }, admin.token, 'NOT_FOUND', undefined],
      [{ id: rule.id, name: '路灯', keywords: ['路灯'], leadUnitId: roads.id }, coordinator.token, 'FORBIDDEN', undefined],
    ];
    for (const [input, token, code, field] of bad) {
      const res = await t.gql(UPDATE, { input }, token);
      expect({ code: codeOf(res), field: res.errors?.[0]?.extensions?.field }).toEqual({ code, field });
    }
    expect(await t.dataSource.getRepository(RoutingRuleEntity).findOneByOrFail({ id: rule.id })).toEqual(before);

    // Off: proposes nothing, still listed; on again: proposes again.
    const off = await t.gql(SET_ACTIVE, { input: { id: rule.id, active: false } }, admin.token);
    expect(off.data.setRoutingRuleActive.routingRule.active).toBe(false);
    expect(await proposal()).toEqual({ rule: null, leadUnit: null, coUnits: [] });
    expect((await t.gql(LIST, {}, coordinator.token)).data.routingRules).toContainEqual(expect.objectContaining({ id: rule.id, active: false }));
    expect(codeOf(await t.gql(SET_ACTIVE, { input: { id: rule.id, active: true } }, coordinator.token))).toBe('FORBIDDEN');
    await t.gql(SET_ACTIVE, { input: { id: rule.id, active: true } }, admin.token);
    expect((await proposal()).rule).toEqual({ id: rule.id });
  });

  it('answers a bad update in the caller’s language', async () => {
    if (!t) return;
    const g = given(t);
    const unit = await g.unit();
    const admin = await g.staff(['ADMIN']);
    const rule = (await t.gql(CREATE, { input: { name: '噪声', keywords: ['噪声'], leadUnitId: unit.id } }, admin.token)).data.createRoutingRule.routingRule;
    const input = { id: rule.id, name: '噪声', keywords: ['噪声'], leadUnitId: unit.id, coUnitIds: [unit.id] };
    const zh = await t.gql(UPDATE, { input }, admin.token, { 'accept-language': 'zh-CN' });
    const en = await t.gql(UPDATE, { input }, admin.token, { 'accept-language': 'en' });
    expect(codeOf(zh)).toBe('BAD_USER_INPUT');
    expect(codeOf(en)).toBe('BAD_USER_INPUT');
    expect(zh.errors![0]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(en.errors![0]!.message).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
