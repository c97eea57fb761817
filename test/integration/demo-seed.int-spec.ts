import { DataSource } from 'typeorm';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { StaffService } from '../../src/staff/staff.service.js';
import { PiiCrypto } from '../../src/common/pii-crypto.js';
import { DEMO_RESIDENTS, DEMO_UNITS } from '../../src/demo/demo-data.js';
import { UnitEntity } from '../../src/units/unit.entity.js';
import { ResidentEntity } from '../../src/residents/resident.entity.js';
import { CampaignEntity } from '../../src/campaigns/campaign.entity.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { AwardsService } from '../../src/awards/awards.service.js';
import { previousQuarter } from '../../src/calendar/quarters.js';
import { publishDemoAwards } from '../../src/demo/demo-history.js';
import { graphql } from '../gql/index.js';
import { seedDemoDisclosure } from '../../src/demo/demo-disclosure.js';
import { DisclosureRequestsService } from '../../src/disclosure/disclosure-requests.service.js';

describe(describeDb('demo data set'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('seed'))!;
  });
  afterAll(async () => t?.close());

  it('seeds once into an empty database, with encrypted phones and an open 第1期', async () => {
    if (!t) return;
    const ds = t.app.get(DataSource);
    expect(await seedDemo(ds, t.app.get(PiiCrypto), t.app.get(StaffService), t.clock.now())).toBe(true);
    expect(await seedDemo(ds, t.app.get(PiiCrypto), t.app.get(StaffService), t.clock.now())).toBe(false);
    expect(await ds.getRepository(UnitEntity).count()).toBe(DEMO_UNITS.length);
    const residents = await ds.getRepository(ResidentEntity).find();
    expect(residents).toHaveLength(DEMO_RESIDENTS.length);
    for (const r of residents) expect(r.phoneCiphertext).not.toMatch(/1[3-9]\d{9}/);
    const campaign = await ds.getRepository(CampaignEntity).findOneByOrFail({ number: 1 });
    expect(campaign.status).toBe('OPEN');
    expect(await ds.getRepository(SuggestionEntity).countBy({ campaignId: campaign.id })).toBeGreaterThan(0);
    // The demo resident can sign in with a code from the development SMS file.
    await t.gql(graphql(`mutation DemoSeedRequestCode($phone: String!) { requestLoginCode(input: { phone: $phone }) { sent } }`), { phone: DEMO_RESIDENTS[0]!.phone });
    const code = t.lastCodeFor(DEMO_RESIDENTS[0]!.phone);
    const signed = await t.gql(graphql(`mutation DemoSeedSignIn($phone: String!, $c: String!) { signInWithCode(input: { phone: $phone, code: $c }) { accessToken } }`), { phone: DEMO_RESIDENTS[0]!.phone, c: code });
    const mine = await t.gql(graphql(`query DemoSeedMySuggestions { mySuggestions(first: 10) { totalCount } }`), {}, signed.data.signInWithCode.accessToken);
    expect(mine.data.mySuggestions.totalCount).toBeGreaterThan(0);
    // The README's routing example: the coordinator gets a proposal for the demo items.
    const login = await t.gql(graphql(`mutation DemoSeedLogin { login(input: { username: "coordinator", password: "civicloop-demo" }) { accessToken } }`));
    const token = login.data.login.accessToken;
    const first = await ds.getRepository(SuggestionEntity).findOneByOrFail({ title: '建议在人民广场增设公共自行车站点' });
    const proposal = await t.gql(graphql(`query DemoSeedRouting($id: Int!) { suggestRouting(suggestionId: $id) { rule { name } leadUnit { name } coUnits { name } } }`), { id: first.id }, token);
    expect(proposal.errors).toBeUndefined();
    expect(proposal.data.suggestRouting).toEqual({ rule: { name: '公交与慢行交通' }, leadUnit: { name: '市交通运输局' }, coUnits: [{ name: '市城市管理局' }] });

    // The README's examples name the first new submission 25 and its reply 22.
    expect(await ds.getRepository(SuggestionEntity).count()).toBe(24);
    expect(await ds.getRepository(ReplyEntity).count()).toBe(21);

    // The README's public examples: search finds published items with replies.
    const found = await t.gql(graphql(`query DemoSeedPublicSuggestions { publicSuggestions(first: 20, query: "公交") { totalCount edges { node { trackingNumber title reply { body adoption onTime } } } } }`));
    expect(found.errors).toBeUndefined();
    expect(found.data.publicSuggestions.totalCount).toBeGreaterThanOrEqual(3);
    expect(found.data.publicSuggestions.edges.every((e: any) => e.node.reply?.body)).toBe(true);

    // Last quarter's round, published at start-up as main.ts does: leaderboard, explanation, export.
    const quarter = previousQuarter(t.clock.now());
    await publishDemoAwards(t.app.get(AwardsService), ds, quarter);
    const board = await t.gql(graphql(`query DemoSeedLeaderboard($q: String!) { leaderboard(quarter: $q) { departments { rank unitName composite } countiesAndDistricts { rank unitName composite } citizenWinners { rank authorDisplay citation } } }`), { q: quarter });
    expect(board.errors).toBeUndefined();
    expect(board.data.leaderboard.departments.filter((d: any) => d.rank !== null).length).toBeGreaterThanOrEqual(2);
    expect(board.data.leaderboard.countiesAndDistricts.filter((d: any) => d.rank !== null).length).toBeGreaterThanOrEqual(2);
    expect(board.data.leaderboard.citizenWinners.length).toBeGreaterThan(0);
    const transport = await ds.getRepository(UnitEntity).findOneByOrFail({ code: 'TRANSPORT' });
    const explained = await t.gql(graphql(`query DemoSeedExplain($q: String!, $u: Int!) { explainUnitScore(quarter: $q, unitId: $u) { summary components { label value } } }`), { q: quarter, u: transport.id }, token);
    expect(explained.errors).toBeUndefined();
    expect(explained.data.explainUnitScore.components.length).toBeGreaterThan(0);
    const csv = await fetch(`${t.baseUrl}/exports/awards?quarter=${quarter}&format=csv&part=units`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('市交通运输局');

    // This year's disclosure ledger, seeded as main.ts does: the ledger, its overdue filter and the
    // annual report show it. Early in a year fewer entries fit; from late August on all eight do.
    const written = await seedDemoDisclosure(t.app.get(DisclosureRequestsService), ds, t.clock.now());
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(t.clock.now()));
    const ledger = await t.gql(graphql(`query DemoSeedLedger($y: Int!) {
      all: disclosureRequests(first: 50, receivedYear: $y) { totalCount edges { node { status outcome } } }
      overdue: disclosureRequests(first: 50, overdue: true) { totalCount }
    }`), { y: year }, token);
    expect(ledger.errors).toBeUndefined();
    expect(ledger.data.all.totalCount).toBe(written);
    const statuses = ledger.data.all.edges.map((e: any) => e.node.status);
    if (t.clock.now() >= new Date(Date.UTC(year, 7, 25))) {
      expect(written).toBe(8);
      expect(statuses.filter((s: string) => s === 'DECIDED')).toHaveLength(5);
      expect(ledger.data.overdue.totalCount).toBe(1);
    } else {
      expect(written).toBeGreaterThan(0);
    }
  });
});
