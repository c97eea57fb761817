import { given, idempotencyKey } from '../factories/given.js';
import { closedLoop } from '../factories/closed-loop.js';
import { TEST_DB } from '../helpers/test-db.js';
import { withStatements } from '../helpers/sql-statements.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { PublicCache } from '../../src/public-cache/public-cache.service.js';
import { PUBLIC_READS } from '../../src/public-cache/public-reads.js';
import { graphql } from '../gql/index.js';

// Rows written straight to the database bypass the events that invalidate cached public reads.
const seededBehindTheCache = (t: TestApp) => t.app.get(PublicCache).invalidate(PUBLIC_READS);

// The page both feed documents read; FEED adds the count.
const PAGE = graphql(`fragment FeedPage on PublicSuggestionConnection {
  pageInfo { hasNextPage endCursor }
  edges { cursor node {
    id trackingNumber title body category location status authorDisplay adoption submittedAt
    campaign { id label } leadUnit { id name }
    reply { body adoption notAdoptedReason onTime publishedAt unit { id name } }
  } }
}`);
const FEED = graphql(`query FeedFeed($first: Int, $after: String, $campaignId: Int, $unitId: Int, $category: String, $status: SuggestionStatus,
  $adoption: Adoption, $adopted: Boolean, $query: String) {
  publicSuggestions(first: $first, after: $after, campaignId: $campaignId, unitId: $unitId, category: $category, status: $status,
    adoption: $adoption, adopted: $adopted, query: $query) { totalCount ...FeedPage }
}`);
// The same page without totalCount: the COUNT runs only when a client asks for it.
const FEED_UNCOUNTED = graphql(`query FeedUncounted($first: Int, $after: String, $campaignId: Int, $unitId: Int, $category: String, $status: SuggestionStatus,
  $adoption: Adoption, $adopted: Boolean, $query: String) {
  publicSuggestions(first: $first, after: $after, campaignId: $campaignId, unitId: $unitId, category: $category, status: $status,
    adoption: $adoption, adopted: $adopted, query: $query) { ...FeedPage }
}`);

const UNIT_PROFILE = graphql(`query FeedUnitProfile($unitId: Int!, $first: Int, $after: String) {
  unitProfile(unitId: $unitId, first: $first, after: $after) {
    unit { id name }
    repliesPublished repliesOnTime onTimeReplyRate signsDue signedOnTime onTimeSignRate rated satisfaction adopted
    items { totalCount edges { node { id title authorDisplay body reply { body } } } }
  }
}`);

// Personal data seeded on purpose; none of it may appear in a public answer.
const FULL_NAME = '欧阳建国';
const PHONE = '13912345678';
const OTHER_PHONE = '15011112222';

describe(describeDb('public feed and unit profiles'), () => {
  let t: TestApp;
  let A: number;
  let B: number;
  let c1: number;
  let c2: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = (await startTestApp('feed'))!;
    if (!t) return;
    const g = given(t);
    const c = closedLoop(t);
    A = (await g.unit({ name: '市交通运输局' })).id;
    B = (await g.unit({ name: '市城管局' })).id;
    c1 = (await g.campaign({ title: '交通出行专题' })).id;
    c2 = (await g.campaign({ title: '城市管理专题' })).id;
    const author = await g.resident({ phone: PHONE, displayName: FULL_NAME });
    const base = { authorId: author.id, authorName: FULL_NAME, published: true, consentToPublish: true };

    const published = async (
      name: string,
      o: Parameters<typeof c.suggestion>[0],
      reply: { unitId: number; adoption: 'ADOPTED' | 'PARTIALLY_ADOPTED' | 'NOT_ADOPTED' | 'FOR_REFERENCE' | 'ALREADY_DONE'; onTime: boolean; body?: string },
    ) => {
      const s = await c.suggestion({ ...base, ...o, leadUnitId: reply.unitId, adoption: reply.adoption });
      const r = await c.reply({ suggestionId: s.id, ...reply, publishedAt: '2026-01-10T02:00:00Z' });
      ids[name] = s.id;
      return { s, r };
    };

    const p1 = await published(
      'signal',
      { campaignId: c1, category: '交通出行', status: 'CLOSED', submittedAt: '2026-01-02T02:00:00Z', title: '交通信号灯配时优化', body: `秀江路口交通信号灯配时太短，行人来不及过马路。我是${FULL_NAME}，电话${PHONE}。`, location: `秀江路（联系${PHONE}）` },
      { unitId: A, adoption: 'ADOPTED', onTime: true, body: `${FULL_NAME}同志：已优化配时。如有疑问请联系经办人${OTHER_PHONE}。` },
    );
    await c.rating({ suggestionId: p1.s.id, replyId: p1.r.id, unitId: A, level: 'SATISFIED', createdAt: '2026-01-12T02:00:00Z' });
    const p2 = await published(
      'lamp',
      { campaignId: c1, category: '城市建设', status: 'REPLIED', submittedAt: '2026-01-03T02:00:00Z', title: '小区路灯不亮', body: '我们小区门口的路灯连续一周不亮。', anonymous: true },
      { unitId: B, adoption: 'NOT_ADOPTED', onTime: false },
    );
    await c.rating({ suggestionId: p2.s.id, replyId: p2.r.id, unitId: B, level: 'BASICALLY_SATISFIED', createdAt: '2026-01-12T02:00:00Z' });
    await published(
      'shelter',
      { campaignId: c2, category: '交通出行', status: 'IN_PROGRESS', submittedAt: '2026-01-04T02:00:00Z', title: '公交站台加装遮雨棚', body: '雨天候车没有遮挡，建议加装遮雨棚。' },
      { unitId: B, adoption: 'PARTIALLY_ADOPTED', onTime: true },
    );
    // Not public: reply not yet published; consent withdrawn; reply still in review.
    ids.unpublished = (await c.suggestion({ ...base, published: false, campaignId: c1, submittedAt: '2026-01-05T02:00:00Z', title: '路灯维修', leadUnitId: A })).id;
    ids.noConsent = (await c.suggestion({ ...base, consentToPublish: false, campaignId: c1, submittedAt: '2026-01-05T02:00:00Z', title: '路灯更换', leadUnitId: A })).id;
    const inReview = await c.suggestion({ ...base, published: false, campaignId: c2, submittedAt: '2026-01-06T02:00:00Z', title: '交通标志', leadUnitId: B });
    await c.reply({ suggestionId: inReview.id, unitId: B, adoption: 'ADOPTED', onTime: true, publishedAt: null, status: 'PENDING_REVIEW', body: '内部草稿' });
    ids.inReview = inReview.id;

    // 110 more published items, spread over both units and campaigns, for paging and the SQL count.
    for (let i = 0; i < 110; i++) {
      await published(
        `filler${i}`,
        { campaignId: i % 2 ? c1 : c2, category: '其他', status: 'CLOSED', submittedAt: '2026-01-08T02:00:00Z', title: `关于社区服务的第${i}条建议`, body: `建议内容${i}，请${FULL_NAME}的邻居参考。` },
        { unitId: i % 3 ? A : B, adoption: i % 4 ? 'FOR_REFERENCE' : 'ADOPTED', onTime: i % 5 !== 0 },
      );
    }
  });
  afterAll(async () => t?.close());

  const feed = async (vars: Record<string, unknown> = {}) => {
    const res = await t.gql(FEED, { first: 100, ...vars });
    expect(res.errors).toBeUndefined();
    return res;
  };
  const titles = async (vars: Record<string, unknown>) =>
    (await feed(vars)).data.publicSuggestions.edges.map((e: { node: { title: string } }) => e.node.title).sort();

  it('shows published items only, with reply, campaign and unit, newest first', async () => {
    if (!t) return;
    const res = await feed({ first: 100 });
    const conn = res.data.publicSuggestions;
    expect(conn.totalCount).toBe(113);
    const shown = conn.edges.map((e: { node: { id: number } }) => e.node.id);
    expect(shown).toEqual([...shown].sort((a: number, b: number) => b - a));
    for (const hidden of [ids.unpublished, ids.noConsent, ids.inReview]) expect(shown).not.toContain(hidden);
    expect(res.body).not.toContain('内部草稿');
    const signal = (await feed({ query: '信号灯' })).data.publicSuggestions.edges[0].node;
    expect(signal).toEqual(
      expect.objectContaining({
        title: '交通信号灯配时优化',
        authorDisplay: '欧***',
        status: 'CLOSED',
        adoption: 'ADOPTED',
        campaign: { id: c1, label: expect.stringMatching(/^\d{4}年第\d+期$/) },
        leadUnit: { id: A, name: '市交通运输局' },
        reply: expect.objectContaining({ adoption: 'ADOPTED', onTime: true, unit: { id: A, name: '市交通运输局' } }),
      }),
    );
    expect((await feed({ query: '路灯' })).data.publicSuggestions.edges[0].node.authorDisplay).toBe('匿名');
  });

  it('masks every name and phone number in public answers', async () => {
    if (!t) return;
    const bodies = [
      (await feed({ first: 100 })).body,
      (await feed({ first: 100, after: (await feed({ first: 100 })).data.publicSuggestions.pageInfo.endCursor })).body,
      (await feed({ query: '信号灯' })).body,
      (await t.gql(UNIT_PROFILE, { unitId: A, first: 100 })).body,
      (await t.gql(UNIT_PROFILE, { unitId: B, first: 100 })).body,
    ];
    for (const body of bodies) {
      expect(body).not.toContain(FULL_NAME);
      expect(body).not.toContain(FULL_NAME.slice(1)); // 阳建国: the masked form keeps only the first character
      expect(body).not.toContain(PHONE);
      expect(body).not.toContain(OTHER_PHONE);
      expect(body).not.toMatch(/1[3-9]\d{9}/);
    }
    const signal = JSON.parse(bodies[2]!).data.publicSuggestions.edges[0].node;
    expect(signal.body).toBe('秀江路口交通信号灯配时太短，行人来不及过马路。我是欧***，电话139****5678。');
    expect(signal.location).toBe('秀江路（联系139****5678）');
    expect(signal.reply.body).toBe('欧***同志：已优化配时。如有疑问请联系经办人150****2222。');
  });

  it('filters by campaign, unit, category, status and adoption', async () => {
    if (!t) return;
    const count = async (vars: Record<string, unknown>) => (await feed({ first: 1, ...vars })).data.publicSuggestions.totalCount;
    expect(await count({ campaignId: c2 })).toBe(1 + 55);
    expect(await count({ unitId: A })).toBe(1 + 73); // filler i % 3 != 0
    expect(await count({ category: '交通出行' })).toEqual(2);
    expect(await titles({ category: '交通出行', unitId: B })).toEqual(['公交站台加装遮雨棚']);
    expect(await titles({ status: 'IN_PROGRESS' })).toEqual(['公交站台加装遮雨棚']);
    expect(await titles({ adoption: 'NOT_ADOPTED' })).toEqual(['小区路灯不亮']);
    expect(await count({ adopted: true })).toBe(2 + 28); // signal, shelter, filler i % 4 == 0
    expect(await count({ adopted: false })).toBe(1 + 82);
    expect(await count({ campaignId: c1, category: '城市建设', adopted: false })).toBe(1);
  });

  it('searches Chinese words of one and two characters, combined with filters', async () => {
    if (!t) return;
    expect(await titles({ query: '路灯' })).toEqual(['小区路灯不亮']); // not the unpublished 路灯 items
    expect(await titles({ query: '交通' })).toEqual(['交通信号灯配时优化']);
    expect(await titles({ query: '棚' })).toEqual(['公交站台加装遮雨棚']);
    expect(await titles({ query: '灯', unitId: B })).toEqual(['小区路灯不亮']);
    expect(await titles({ query: '信号灯 行人' })).toEqual(['交通信号灯配时优化']);
    expect(await titles({ query: '地铁' })).toEqual([]);
    const some = await feed({ query: '社区服务', first: 5 });
    expect(some.data.publicSuggestions.totalCount).toBe(110);
    expect(some.data.publicSuggestions.edges).toHaveLength(5);
  });

  it('pages with cursors, without gaps or repeats', async () => {
    if (!t) return;
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const conn: { edges: { node: { id: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } =
        (await feed({ first: 30, after })).data.publicSuggestions;
      seen.push(...conn.edges.map((e) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(113);
    expect(new Set(seen).size).toBe(113);
    const bad = await t.gql(FEED, { first: 10, after: 'garbage' });
    expect(bad.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }));
    const tooMany = await t.gql(FEED, { first: 101 });
    expect(tooMany.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }));
  });

  it('runs the same number of SQL statements for 20 items as for 100', async () => {
    if (!t) return;
    const measure = async (vars: { first?: number; query?: string }, query: typeof FEED | typeof FEED_UNCOUNTED = FEED) => {
      await seededBehindTheCache(t); // the GraphQL path is measured, not a cached answer
      const { result: res, statements } = await withStatements(t.dataSource, () => t.gql(query, { first: 100, ...vars }));
      expect(res.errors).toBeUndefined();
      return { statements: statements.length, items: res.data.publicSuggestions.edges.length };
    };
    const small = await measure({ first: 20 });
    const large = await measure({ first: 100 });
    expect([small.items, large.items]).toEqual([20, 100]);
    // page + count + campaigns + lead units + replies + reply units
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(6);
    const searched = await measure({ first: 100, query: '社区' });
    // A search samples the newest items to choose its plan, finds the page's ids (and its count)
    // on the public search pool, then reads those rows by key. SQLite has one connection, so all of
    // it is seen here: three statements more. On MariaDB the pool is apart: the application's
    // connections see the count and page go away and the read by key come in.
    expect(searched.statements).toBe(TEST_DB === 'sqlite' ? large.statements + 3 : large.statements - 1);
    // The COUNT runs only when a client asks for totalCount: a page alone is one statement fewer.
    const uncounted = await measure({ first: 100 }, FEED_UNCOUNTED);
    expect(uncounted.items).toBe(100);
    expect(uncounted.statements).toBe(large.statements - 1);
  });

  it('shows a unit’s public page with its own items and rates', async () => {
    if (!t) return;
    const res = await t.gql(UNIT_PROFILE, { unitId: A, first: 5 });
    expect(res.errors).toBeUndefined();
    const p = res.data.unitProfile;
    // A replied to signal (on time) and to fillers with i % 3 != 0: 73 of them, late when i % 5 == 0 (14 of those).
    expect(p.unit).toEqual({ id: A, name: '市交通运输局' });
    expect(p).toEqual(expect.objectContaining({ repliesPublished: 74, repliesOnTime: 60, onTimeReplyRate: 81.1, rated: 1, satisfaction: 100 }));
    expect(p.adopted).toBe(1 + 18); // signal, fillers with i % 4 == 0 and i % 3 != 0
    expect(p.items.totalCount).toBe(74);
    expect(p.items.edges).toHaveLength(5);
    const b = (await t.gql(UNIT_PROFILE, { unitId: B, first: 100 })).data.unitProfile;
    expect(b.items.totalCount).toBe(2 + 37);
    expect(b.items.edges.map((e: { node: { id: number } }) => e.node.id)).not.toContain(ids.inReview);
    expect(b).toEqual(expect.objectContaining({ rated: 1, satisfaction: 80 }));
    expect((await t.gql(UNIT_PROFILE, { unitId: 999999 })).data.unitProfile).toBeNull();
  });

  it('finds a suggestion submitted through the API once it is published', async () => {
    if (!t) return;
    const resident = await given(t).resident({ displayName: '李四' });
    const submitted = await t.gql(
      graphql(`mutation FeedSubmitSuggestion($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id } } }`),
      { input: { campaignId: c1, title: '建议开通夜间公交专线', body: '晚上十点以后没有公交，建议开通夜班车。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() } },
      resident.token,
    );
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data.submitSuggestion.suggestion.id;
    expect(await titles({ query: '夜班' })).toEqual([]); // not published yet
    await closedLoop(t).reply({ suggestionId: id, unitId: A, adoption: 'ADOPTED', onTime: true, publishedAt: '2026-01-20T02:00:00Z' });
    await t.dataSource.getRepository(SuggestionEntity).update({ id }, { published: true, status: 'REPLIED', leadUnitId: A, adoption: 'ADOPTED' });
    await seededBehindTheCache(t);
    expect(await titles({ query: '夜班' })).toEqual(['建议开通夜间公交专线']);
    expect(await titles({ query: '夜间公交' })).toEqual(['建议开通夜间公交专线']);
  });
});
