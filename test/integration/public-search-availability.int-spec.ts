import { PublicSearchPool } from '../../src/search/public-search-pool.js';
import { closedLoop } from '../factories/closed-loop.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_DB } from '../helpers/test-db.js';
import { graphql } from '../gql/index.js';

// Issue 12 §6: public search counts in the cost limit like the database work it is, runs on a
// pool of its own with a statement time limit, and cannot starve the pool submissions use.
describe(describeDb('public search availability'), () => {
  let t: TestApp;
  const SEARCH_TIMEOUT_MS = 2000;
  beforeAll(async () => {
    t = (await startTestApp('search-avail', { SEARCH_POOL_SIZE: '2', SEARCH_QUEUE_LIMIT: '1', SEARCH_TIMEOUT_MS: String(SEARCH_TIMEOUT_MS), DB_POOL_SIZE: '4' }))!;
    if (!t) return;
    const campaign = await given(t).campaign();
    for (let i = 0; i < 5; i++) {
      await closedLoop(t).suggestion({ campaignId: campaign.id, submittedAt: t.clock.now(), title: `关于路灯的建议${i}`, body: '建议修复小区路灯。', status: 'CLOSED', published: true });
    }
  });
  afterAll(async () => t?.close());

  // Documents built with n aliased searches stay plain strings: the number of aliases is what is tested.
  const search = (alias: string) => `${alias}: publicSuggestions(first: 20, query: "建议") { edges { node { id title } } }`;

  it('a search weighs in the cost limit: three in one request are answered, twelve aliased ones are refused before any runs', async () => {
    if (!t) return;
    const three = await t.gql(`{ ${['a', 'b', 'c'].map(search).join(' ')} }`);
    expect(three.errors).toBeUndefined();
    expect(three.data.a.edges.length).toBe(5);
    const twelve = await t.gql(`{ ${Array.from({ length: 12 }, (_, i) => search(`s${i}`)).join(' ')} }`);
    // A request error: no data at all (200 under application/json, per GraphQL over HTTP).
    expect(twelve.data ?? undefined).toBeUndefined();
    expect(twelve.errors?.[0]?.message).toMatch(/cost limit/i);
  });

  it('totalCount of a search is answered (capped count), and the page matches', async () => {
    if (!t) return;
    const res = await t.gql(graphql(`query PublicSearchAvailabilityPublicSuggestions { publicSuggestions(first: 2, query: "路灯") { totalCount edges { node { id } } pageInfo { hasNextPage } } }`));
    expect(res.errors).toBeUndefined();
    expect(res.data.publicSuggestions).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
  });

  const mysqlIt = TEST_DB === 'mysql' ? it : it.skip;

  mysqlIt('a statement of public search is cut off by the server after the time limit (BAD_USER_INPUT on query)', async () => {
    const pool = t.app.get(PublicSearchPool);
    const started = Date.now();
    await expect(pool.select('SELECT SLEEP(10) AS id', [])).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'query' } });
    expect(Date.now() - started).toBeLessThan(SEARCH_TIMEOUT_MS + 1500);
  }, 20_000);

  mysqlIt('with every search connection busy, searches beyond the queue are refused at once and submissions are answered promptly', async () => {
    const pool = t.app.get(PublicSearchPool);
    // Two running (the pool's size) and one queued (its queue limit): search is saturated.
    const busy = Array.from({ length: 3 }, () => pool.select('SELECT SLEEP(10) AS id', []).catch(() => undefined));
    await new Promise((r) => setTimeout(r, 200));
    const refused = await t.gql(`{ ${search('x')} }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Submissions use the application's own pool, untouched by the searches.
    const resident = await given(t).resident();
    const campaign = await given(t).campaign();
    const started = Date.now();
    const submitted = await t.gql(
      graphql(`mutation PublicSearchAvailabilitySubmitSuggestion($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id } } }`),
      { input: { campaignId: campaign.id, title: '搜索繁忙时提交', body: '搜索占满连接时，提交仍应立即得到答复。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() } },
      resident.token,
    );
    expect(submitted.errors).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    await Promise.all(busy);
  }, 30_000);
});
