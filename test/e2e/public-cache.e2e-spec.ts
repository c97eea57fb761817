import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../src/config/app-config.js';
import { PUBLIC_CACHE_HEADER } from '../../src/public-cache/public-cache.route.js';
import { REDIS } from '../../src/redis/redis.module.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis.js';
import { redisServerInstalled, startRedisServer, type RedisServer } from '../faults/lib/redis-server.js';
import { dropMysqlDatabase, migratedMysqlDatabase, mysqlAvailable, TEST_DB } from '../helpers/test-db.js';
import { graphql } from '../gql/index.js';

// Issue 16, public reads beyond raw: anonymous public reads come from a cache that the changes
// behind them invalidate. What an anonymous caller gets must be what the GraphQL path makes.

// The portal's public documents (web/src/api/operations.graphql), as the portal sends them.
const HOME = `query Home($year: Int!) {
  campaigns(first: 10, status: OPEN) { edges { node { id number label title topic opensAt closesAt counts { received replied adopted } } } }
  yearSummary(year: $year) { year reportSentence campaignsPublished handledAndReplied adopted }
  publicSuggestions(first: 5) { edges { node { id trackingNumber title category authorDisplay leadUnit { id name } reply { publishedAt adoption onTime } } } }
}`;
const FEED = `query Feed($after: String, $unitId: Int) {
  publicSuggestions(first: 20, after: $after, unitId: $unitId) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id trackingNumber title body category status authorDisplay campaign { id label } leadUnit { id name } reply { body adoption onTime publishedAt unit { id name } } } }
  }
}`;
const ITEM = `query PublicSuggestion($trackingNumber: String!) {
  publicSuggestions(first: 1, trackingNumber: $trackingNumber) { edges { node { id title status authorDisplay leadUnit { id name } reply { id body adoption } } } }
  trackSuggestion(trackingNumber: $trackingNumber) { status timeline { id action toStatus } }
}`;
const SUPPORT = `query Support($suggestionId: Int!) { suggestionSupport(suggestionId: $suggestionId) { suggestionId supportCount supportedByMe } }`;
const UNIT = `query UnitProfile($unitId: Int!) {
  unitProfile(unitId: $unitId, first: 20) { unit { id name } repliesPublished rated satisfaction adopted items { totalCount edges { node { id title } } } }
}`;
const RANKINGS = `query Rankings($quarter: String) {
  leaderboard(quarter: $quarter) { quarter publishedAt departments { unitName rank composite } citizenWinners { authorDisplay title } }
  awardRounds(first: 12) { edges { node { quarter status } } }
}`;
const STATS = `query PublicStatistics($year: Int!) {
  yearSummary(year: $year) { year reportSentence campaignsPublished handledAndReplied adopted }
  campaigns(first: 100, year: $year) { edges { node { id status counts { received replied adopted } } } }
}`;

const SUBMIT = graphql(`mutation PublicCacheSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id trackingNumber } } }`);
const ASSIGN = graphql(`mutation PublicCacheAssign($input: AssignSuggestionInput!) { assignSuggestion(input: $input) { suggestions { id status } } }`);
const SIGN = graphql(`mutation PublicCacheSign($input: SuggestionIdInput!) { signSuggestion(input: $input) { suggestion { id status } } }`);
const REPLY = graphql(`mutation PublicCacheReply($input: ReplyToSuggestionInput!) { replyToSuggestion(input: $input) { reply { id status } } }`);
const RATE = graphql(`mutation PublicCacheRate($input: RateReplyInput!) { rateReply(input: $input) { suggestion { status } } }`);

interface Anon {
  status: number;
  cache: string | null;
  body: string;
  data: any;
}

async function anon(t: TestApp, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Anon> {
  const res = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await res.text();
  return { status: res.status, cache: res.headers.get(PUBLIC_CACHE_HEADER), body, data: JSON.parse(body).data };
}

/** Anonymous twice: the first answer made by GraphQL, the second from the cache; both the same. */
async function cachedTwice(t: TestApp, query: string, variables: Record<string, unknown> = {}): Promise<Anon> {
  const first = await anon(t, query, variables);
  const second = await anon(t, query, variables);
  expect(JSON.parse(first.body).errors).toBeUndefined();
  expect(second.cache).toBe('HIT');
  expect(second.body).toBe(first.body);
  return second;
}

const ok = (r: { errors?: unknown[] }) => expect(r.errors).toBeUndefined();

describe(describeDb('public-read cache, embedded (in memory)'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('public-cache'))!;
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers each public document from the cache with the body the GraphQL path made; every change shows on the next request', async () => {
    if (!t) return;
    t.clock.set('2026-05-11T02:00:00Z'); // Monday 10:00 Shanghai, 2026Q2
    const g = given(t);
    const campaign = await g.campaign({ title: '缓存专题' });
    const unit = await g.unit({ name: '市交通运输局' });
    const coordinator = await g.staff(['COORDINATOR']);
    const admin = await g.staff(['ADMIN']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const author = await g.resident({ displayName: '王小明' });
    const supporter = await g.resident();
    const year = { year: 2026 };

    // Nothing published yet: every public document is cached as it is.
    const home0 = await cachedTwice(t, HOME, year);
    expect(home0.data.publicSuggestions.edges).toEqual([]);
    const received0 = home0.data.campaigns.edges.find((e: any) => e.node.id === campaign.id).node.counts.received;
    await cachedTwice(t, STATS, year);
    await cachedTwice(t, RANKINGS, { quarter: '2026Q2' });

    // submit: the campaign's count on the next anonymous request
    const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '公交站台加装雨棚', body: '建议在人民路站加装雨棚。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() } }, author.token);
    ok(submitted);
    const { id, trackingNumber } = submitted.data.submitSuggestion.suggestion;
    const home1 = await anon(t, HOME, year);
    expect(home1.cache).toBe('MISS');
    expect(home1.data.campaigns.edges.find((e: any) => e.node.id === campaign.id).node.counts.received).toBe(received0 + 1);
    const item0 = await cachedTwice(t, ITEM, { trackingNumber });
    expect(item0.data.trackSuggestion.status).toBe('SUBMITTED');
    expect(item0.data.publicSuggestions.edges).toEqual([]);

    // assign and sign: the tracking page
    ok(await t.gql(ASSIGN, { input: { suggestionIds: [id], leadUnitId: unit.id } }, coordinator.token));
    expect((await anon(t, ITEM, { trackingNumber })).data.trackSuggestion.status).toBe('ASSIGNED');
    ok(await t.gql(SIGN, { input: { suggestionId: id } }, handler.token));
    expect((await anon(t, ITEM, { trackingNumber })).data.trackSuggestion.status).toBe('IN_PROGRESS');
    await cachedTwice(t, FEED);
    await cachedTwice(t, UNIT, { unitId: unit.id });

    // reply published: the feed, the item's page, the unit's page
    const replied = await t.gql(REPLY, { input: { suggestionId: id, body: '我局将于下月加装雨棚。', adoption: 'ADOPTED' } }, handler.token);
    ok(replied);
    const replyId = replied.data.replyToSuggestion.reply.id;
    const feed1 = await anon(t, FEED);
    expect(feed1.data.publicSuggestions.edges.map((e: any) => e.node.id)).toEqual([id]);
    expect(feed1.data.publicSuggestions.edges[0].node.authorDisplay).toBe('王**'); // masked once, on the GraphQL path
    const item1 = await cachedTwice(t, ITEM, { trackingNumber });
    expect(item1.data.publicSuggestions.edges[0].node.reply.body).toBe('我局将于下月加装雨棚。');
    expect((await anon(t, UNIT, { unitId: unit.id })).data.unitProfile.repliesPublished).toBe(1);
    await cachedTwice(t, HOME, year);

    // rating: the item closes, the unit's satisfaction appears
    ok(await t.gql(RATE, { input: { replyId, level: 'SATISFIED' } }, author.token));
    expect((await anon(t, FEED)).data.publicSuggestions.edges[0].node.status).toBe('CLOSED');
    expect((await anon(t, UNIT, { unitId: unit.id })).data.unitProfile.satisfaction).toBe(100);

    // support (附议)
    expect((await cachedTwice(t, SUPPORT, { suggestionId: id })).data.suggestionSupport.supportCount).toBe(0);
    ok(await t.gql(graphql(`mutation PublicCacheSupportSuggestion($i: SupportSuggestionInput!) { supportSuggestion(input: $i) { support { supportCount } } }`), { i: { suggestionId: id } }, supporter.token));
    expect((await anon(t, SUPPORT, { suggestionId: id })).data.suggestionSupport.supportCount).toBe(1);

    // a unit renamed: every page that names it
    await cachedTwice(t, FEED);
    ok(await t.gql(graphql(`mutation PublicCacheUpdateUnit($i: UpdateUnitInput!) { updateUnit(input: $i) { unit { name } } }`), { i: { id: unit.id, name: '市交通运输委员会' } }, admin.token));
    expect((await anon(t, FEED)).data.publicSuggestions.edges[0].node.leadUnit.name).toBe('市交通运输委员会');

    // a campaign closed
    await cachedTwice(t, STATS, year);
    ok(await t.gql(graphql(`mutation PublicCacheCloseCampaign($i: CampaignIdInput!) { closeCampaign(input: $i) { campaign { status } } }`), { i: { id: campaign.id } }, coordinator.token));
    expect((await anon(t, STATS, year)).data.campaigns.edges.find((e: any) => e.node.id === campaign.id).node.status).toBe('CLOSED');

    // the author erases their account: the masked name goes too
    await cachedTwice(t, FEED);
    ok(await t.gql(graphql(`mutation PublicCacheDeleteMyAccount { deleteMyAccount(input: { confirm: true }) { deleted } }`), {}, author.token));
    expect((await anon(t, FEED)).data.publicSuggestions.edges[0].node.authorDisplay).not.toBe('王**');

    // the quarter's round: computed (still private), then published
    t.clock.set('2026-07-02T02:00:00Z');
    ok(await t.gql(graphql(`mutation PublicCacheComputeAwardRound($q: String!) { computeAwardRound(input: { quarter: $q }) { round { status } } }`), { q: '2026Q2' }, coordinator.token));
    expect((await cachedTwice(t, RANKINGS, { quarter: '2026Q2' })).data.leaderboard).toBeNull();
    ok(await t.gql(graphql(`mutation PublicCachePublishAwardRound($q: String!) { publishAwardRound(input: { quarter: $q }) { round { status } } }`), { q: '2026Q2' }, coordinator.token));
    const ranked = await anon(t, RANKINGS, { quarter: '2026Q2' });
    expect(ranked.cache).toBe('MISS');
    expect(ranked.data.leaderboard.quarter).toBe('2026Q2');
  }, 60_000);

  it('never gives a signed-in caller the anonymous body, by header or by session cookie', async () => {
    if (!t) return;
    const g = given(t);
    const campaign = await g.campaign();
    const unit = await g.unit();
    const coordinator = await g.staff(['COORDINATOR']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const author = await g.resident({ displayName: '赵四' });
    const supporter = await g.resident();
    const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '路灯维修', body: '解放路的路灯已经一周不亮了，夜里行人不便。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() } }, author.token);
    const { id } = submitted.data.submitSuggestion.suggestion;
    ok(await t.gql(ASSIGN, { input: { suggestionIds: [id], leadUnitId: unit.id } }, coordinator.token));
    ok(await t.gql(SIGN, { input: { suggestionId: id } }, handler.token));
    ok(await t.gql(REPLY, { input: { suggestionId: id, body: '路灯已于本周修复，感谢您的建议。', adoption: 'ALREADY_DONE' } }, handler.token));
    ok(await t.gql(graphql(`mutation PublicCacheSupportSuggestion2($i: SupportSuggestionInput!) { supportSuggestion(input: $i) { support { supportCount } } }`), { i: { suggestionId: id } }, supporter.token));

    const cached = await cachedTwice(t, SUPPORT, { suggestionId: id });
    expect(cached.data.suggestionSupport.supportedByMe).toBe(false);
    const byHeader = await anon(t, SUPPORT, { suggestionId: id }, { authorization: `Bearer ${supporter.token}` });
    const byCookie = await anon(t, SUPPORT, { suggestionId: id }, { cookie: `theme=dark; civicloop_session=${supporter.token}` });
    for (const mine of [byHeader, byCookie]) {
      expect(mine.cache).toBeNull();
      expect(mine.data.suggestionSupport).toEqual({ suggestionId: id, supportCount: 1, supportedByMe: true });
    }
    // A bad token is refused, not answered from the cache.
    const bad = await anon(t, SUPPORT, { suggestionId: id }, { authorization: 'Bearer not-a-token' });
    expect(bad.cache).toBeNull();
    expect(JSON.parse(bad.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // Other cookies alone leave the caller anonymous.
    expect((await anon(t, SUPPORT, { suggestionId: id }, { cookie: 'theme=dark' })).cache).toBe('HIT');
  });

  it('keeps private and failing reads out of the cache', async () => {
    if (!t) return;
    const mixed = await anon(t, `query { units(first: 1) { totalCount } me { roles } }`);
    expect(mixed.cache).toBeNull();
    const failing = await anon(t, `query($q: String) { leaderboard(quarter: $q) { quarter } }`, { q: 'not-a-quarter' });
    expect(JSON.parse(failing.body).errors).toBeDefined();
    expect((await anon(t, `query($q: String) { leaderboard(quarter: $q) { quarter } }`, { q: 'not-a-quarter' })).cache).toBe('MISS');
    const introspection = await anon(t, `query { __schema { queryType { name } } units(first: 1) { totalCount } }`);
    expect(introspection.cache).toBeNull();
  });
});

// Two api instances on one database and one Redis: entries are shared, and a change made
// through one is visible on the other within a second (the notice travels by pub/sub).
describe(describeDb('public-read cache across two api instances (Redis)'), () => {
  let a: TestApp | null = null;
  let b: TestApp | null = null;
  let cleanup = async () => {};
  beforeAll(async () => {
    if (!(await redisAvailable())) {
      if (process.env.CI) throw new Error('Redis is required in CI');
      console.log(`public-cache: Redis not reachable at ${TEST_REDIS_URL}; start it with redis-server (see ENVIRONMENT.md)`);
      return;
    }
    let database: AppConfig['database'];
    if (TEST_DB === 'mysql') {
      if (!(await mysqlAvailable())) return;
      const url = await migratedMysqlDatabase('pcache');
      database = { type: 'mariadb', url, poolSize: 20 };
      cleanup = () => dropMysqlDatabase(url);
    } else {
      database = { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'civicloop-pcache-')), 'shared.sqlite') };
    }
    const shared = { REDIS_URL: TEST_REDIS_URL, JOBS_DRIVER: 'sql', RUN_JOBS_IN_API: 'false', JWT_SECRET: randomBytes(32).toString('hex') };
    a = await startTestApp('pcache-a', shared, { database });
    b = await startTestApp('pcache-b', shared, { database });
    for (const app of [a!, b!]) {
      const redis = app.app.get<Redis>(REDIS);
      if (redis.status !== 'ready') await new Promise((r) => redis.once('ready', r));
    }
    await new Promise((r) => setTimeout(r, 300)); // subscribers ready, versions read
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cleanup();
  });

  it('a reply published through A is in the feed on B within a second; entries made on one serve the other', async () => {
    if (!a || !b) return;
    const g = given(a);
    const campaign = await g.campaign();
    const unit = await g.unit();
    const coordinator = await g.staff(['COORDINATOR']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const author = await g.resident({ displayName: '钱五' });
    const submitted = await a.gql(SUBMIT, { input: { campaignId: campaign.id, title: '增设共享单车停放点', body: '地铁站出口缺少共享单车停放点，车辆乱停。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() } }, author.token);
    ok(submitted);
    const { id } = submitted.data.submitSuggestion.suggestion;
    ok(await a.gql(ASSIGN, { input: { suggestionIds: [id], leadUnitId: unit.id } }, coordinator.token));
    ok(await a.gql(SIGN, { input: { suggestionId: id } }, handler.token));

    // An entry made through A answers B.
    const onA = await anon(a, FEED, { unitId: unit.id });
    const onB = await anon(b, FEED, { unitId: unit.id });
    expect(onB.cache).toBe('HIT');
    expect(onB.body).toBe(onA.body);
    expect(onB.data.publicSuggestions.edges).toEqual([]);

    ok(await a.gql(REPLY, { input: { suggestionId: id, body: '将在地铁口增设停放点。', adoption: 'ADOPTED' } }, handler.token));
    const started = Date.now();
    let seen: Anon;
    for (;;) {
      seen = await anon(b, FEED, { unitId: unit.id });
      if (seen.data.publicSuggestions.edges.length === 1) break;
      if (Date.now() - started > 1000) throw new Error('the reply was not visible on B within 1 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = Date.now() - started;
    console.log(`public cache: reply visible on the other instance ${ms} ms after A answered`);
    expect(ms).toBeLessThan(1000);
    expect(seen.data.publicSuggestions.edges[0].node.id).toBe(id);
    // And A, which made the change, shows it at once.
    expect((await anon(a, FEED, { unitId: unit.id })).data.publicSuggestions.edges.map((e: any) => e.node.id)).toEqual([id]);
  }, 60_000);
});

describe(describeDb('public-read cache when Redis comes up after the api'), () => {
  let app: TestApp | null = null;
  let redis: RedisServer | null = null;
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  // Both Redis clients reconnect when Redis comes up, in either order; the versions must be read
  // once the client that reads them is ready, however late, or the instance serves uncached for good.
  it('serves from the cache once Redis answers, without a restart', async () => {
    if (!redisServerInstalled() || TEST_DB !== 'sqlite') return; // the Redis side does not depend on the database
    redis = await startRedisServer();
    await redis.stop();
    const t = await startTestApp('pcache-late-redis', { REDIS_URL: redis.url, JOBS_DRIVER: 'sql', RUN_JOBS_IN_API: 'false', JWT_SECRET: randomBytes(32).toString('hex') });
    if (!t) return;
    app = t;
    const UNITS = '{ units(first: 100) { edges { node { id name } } } }';
    expect((await anon(t, UNITS)).cache).not.toBe('HIT');
    await redis.start();
    const started = Date.now();
    let hit = false;
    while (!hit && Date.now() - started < 10_000) {
      await anon(t, UNITS);
      hit = (await anon(t, UNITS)).cache === 'HIT';
      if (!hit) await new Promise((r) => setTimeout(r, 100));
    }
    expect(hit).toBe(true);
  }, 60_000);
});
