import { given } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { UnitEntity } from '../../src/units/unit.entity.js';
import { CampaignEntity } from '../../src/campaigns/campaign.entity.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { graphql } from '../gql/index.js';
import type { CreateUnitInput } from '../gql/graphql.js';

const CREATE_UNIT = graphql(`mutation UnitsCampaignsCreateUnit($i: CreateUnitInput!) { createUnit(input: $i) { unit { id code name kind active parentId } } }`);
const UPDATE_UNIT = graphql(`mutation UnitsCampaignsUpdateUnit($i: UpdateUnitInput!) { updateUnit(input: $i) { unit { id name active } } }`);
const CREATE_CAMPAIGN = graphql(`mutation UnitsCampaignsCreateCampaign($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id label status categories replyDays maxReopens } } }`);

describe(describeDb('units and campaigns'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('units'))!;
  });
  afterAll(async () => t?.close());

  it('admins create and edit units; anyone lists them', async () => {
    if (!t) return;
    const admin = await given(t).staff(['ADMIN']);
    const parent = await t.gql(CREATE_UNIT, { i: { code: 'YICHUN-GOV', name: '宜春市人民政府', kind: 'OFFICE' } }, admin.token);
    expect(parent.errors).toBeUndefined();
    const child = await t.gql(CREATE_UNIT, { i: { code: 'YUANZHOU-2', name: '袁州区人民政府', kind: 'DISTRICT', parentId: parent.data.createUnit.unit.id } }, admin.token);
    expect(child.data.createUnit.unit).toMatchObject({ code: 'YUANZHOU-2', kind: 'DISTRICT', active: true, parentId: parent.data.createUnit.unit.id });
    const renamed = await t.gql(UPDATE_UNIT, { i: { id: child.data.createUnit.unit.id, name: '袁州区政府', active: false } }, admin.token);
    expect(renamed.data.updateUnit.unit).toEqual({ id: child.data.createUnit.unit.id, name: '袁州区政府', active: false });
    const listed = await t.gql(graphql(`query UnitsCampaignsUnits { units(first: 100, includeInactive: true) { totalCount edges { node { code } } } }`));
    expect(listed.data.units.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual(expect.arrayContaining(['YICHUN-GOV', 'YUANZHOU-2']));
    const activeOnly = await t.gql(graphql(`query UnitsCampaignsUnits2 { units(first: 100) { edges { node { code } } } }`));
    expect(activeOnly.data.units.edges.map((e: { node: { code: string } }) => e.node.code)).not.toContain('YUANZHOU-2');
  });

  it('refuses other roles, bad input, duplicates and unknown ids, writing nothing', async () => {
    if (!t) return;
    const admin = await given(t).staff(['ADMIN']);
    const coordinator = await given(t).staff(['COORDINATOR']);
    const resident = await given(t).resident();
    const before = await t.dataSource.getRepository(UnitEntity).count();
    const input: CreateUnitInput = { code: 'NEW-UNIT', name: '新单位', kind: 'DEPARTMENT' };
    expect((await t.gql(CREATE_UNIT, { i: input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(CREATE_UNIT, { i: input }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(CREATE_UNIT, { i: input }, resident.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(CREATE_UNIT, { i: { ...input, code: 'bad code' } }, admin.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    // A value the schema refuses: sent untyped on purpose.
    expect((await t.gql(CREATE_UNIT.toString(), { i: { ...input, kind: 'PLANET' } }, admin.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(CREATE_UNIT, { i: { ...input, parentId: 99999 } }, admin.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(UPDATE_UNIT, { i: { id: 99999, name: '无此单位' } }, admin.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await t.dataSource.getRepository(UnitEntity).count()).toBe(before);
    await t.gql(CREATE_UNIT, { i: input }, admin.token);
    expect((await t.gql(CREATE_UNIT, { i: input }, admin.token)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('coordinators create, open and close campaigns; the public sees them with counts', async () => {
    if (!t) return;
    const coordinator = await given(t).staff(['COORDINATOR']);
    const input = { year: 2026, number: 12, title: '第12期：优化营商环境', topic: '营商环境', description: '征集优化营商环境的意见建议。', opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-31T00:00:00Z', categories: ['营商环境', '其他'], replyDays: 8 };
    const created = await t.gql(CREATE_CAMPAIGN, { i: input }, coordinator.token);
    expect(created.errors).toBeUndefined();
    const c = created.data.createCampaign.campaign;
    expect(c).toMatchObject({ label: '2026年第12期', status: 'DRAFT', replyDays: 8, maxReopens: 1 });
    // The scheduled opening and closing are queued with it.
    const scheduled = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'campaign.open' });
    expect(scheduled.some((o) => o.payload.campaignId === c.id && o.availableAt.toISOString() === '2026-11-01T00:00:00.000Z')).toBe(true);
    // Drafts are the office's own.
    expect((await t.gql(graphql(`query UnitsCampaignsCampaign($id: Int!) { campaign(id: $id) { id } }`), { id: c.id })).data.campaign).toBeNull();
    const opened = await t.gql(graphql(`mutation UnitsCampaignsOpenCampaign($i: CampaignIdInput!) { openCampaign(input: $i) { campaign { status } } }`), { i: { id: c.id } }, coordinator.token);
    expect(opened.data.openCampaign.campaign.status).toBe('OPEN');
    const publicView = await t.gql(graphql(`query UnitsCampaignsCampaign2($id: Int!) { campaign(id: $id) { label status counts { received replied adopted } } }`), { id: c.id });
    expect(publicView.data.campaign).toEqual({ label: '2026年第12期', status: 'OPEN', counts: { received: 0, replied: 0, adopted: 0 } });
    const closed = await t.gql(graphql(`mutation UnitsCampaignsCloseCampaign($i: CampaignIdInput!) { closeCampaign(input: $i) { campaign { status } } }`), { i: { id: c.id } }, coordinator.token);
    expect(closed.data.closeCampaign.campaign.status).toBe('CLOSED');
    const reopen = await t.gql(graphql(`mutation UnitsCampaignsOpenCampaign2($i: CampaignIdInput!) { openCampaign(input: $i) { campaign { status } } }`), { i: { id: c.id } }, coordinator.token);
    expect(reopen.errors?.[0]).toMatchObject({ message: '已截止状态的征集活动不能开启', extensions: { code: 'CONFLICT' } });
    const list = await t.gql(graphql(`query UnitsCampaignsCampaigns { campaigns(first: 10, year: 2026) { totalCount edges { node { label } } } }`));
    expect(list.data.campaigns.edges.map((e: { node: { label: string } }) => e.node.label)).toContain('2026年第12期');
  });

  it('refuses bad campaigns, duplicates and other roles, writing nothing', async () => {
    if (!t) return;
    const coordinator = await given(t).staff(['COORDINATOR']);
    const handler = await given(t).staff(['UNIT_HANDLER'], (await given(t).unit()).id);
    const before = await t.dataSource.getRepository(CampaignEntity).count();
    const base = { year: 2027, number: 1, title: '第1期', topic: '测试', description: '测试', opensAt: '2027-01-05T00:00:00Z', closesAt: '2027-02-05T00:00:00Z', categories: ['其他'] };
    expect((await t.gql(CREATE_CAMPAIGN, { i: base }, handler.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(CREATE_CAMPAIGN, { i: { ...base, closesAt: '2027-01-01T00:00:00Z' } }, coordinator.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesAt' });
    expect((await t.gql(CREATE_CAMPAIGN, { i: { ...base, categories: [] } }, coordinator.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categories' });
    expect((await t.gql(CREATE_CAMPAIGN, { i: { ...base, number: 0 } }, coordinator.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
    expect(await t.dataSource.getRepository(CampaignEntity).count()).toBe(before);
    expect((await t.gql(CREATE_CAMPAIGN, { i: base }, coordinator.token)).errors).toBeUndefined();
    expect((await t.gql(CREATE_CAMPAIGN, { i: base }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await t.gql(graphql(`mutation UnitsCampaignsCloseCampaign2($i: CampaignIdInput!) { closeCampaign(input: $i) { campaign { id } } }`), { i: { id: 999999 } }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('serves health and Prometheus metrics', async () => {
    if (!t) return;
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'up' } } });
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/civicloop_http_request_duration_seconds_bucket/);
    expect(metrics).toMatch(/civicloop_process_resident_memory_bytes/);
  });
});
