import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { loadConfig } from '../../src/config/app-config.js';
import { PublicSearchPool } from '../../src/search/public-search-pool.js';
import { SearchService } from '../../src/search/search.service.js';
import { publicSearchText, searchTableRow } from '../../src/search/search-index.js';
import { documentTokens, parseQuery } from '../../src/search/search-tokens.js';
import { newSuggestionRow, SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { testDatabase, TEST_DB } from '../helpers/test-db.js';

// Issue 12 §6: a public search is answered by a scan of the newest items or through the word
// index, chosen per query. Whatever the plan, the same query gives the same ids: checked on a
// generated dataset against each other and against the definition (every token of the query
// among the document's tokens, every 3+-character Han run in its masked public text).
describe(`public search plans give the same answers [${TEST_DB}]`, () => {
  let ds: DataSource | null = null;
  let cleanup: () => Promise<void> = async () => {};
  let search: SearchService;
  let pool: PublicSearchPool | undefined;
  const docs: { id: number; campaignId: number; publicText: string }[] = [];

  // Words of every frequency: 建议 in every title, 路灯 in some, 人民路 rarer, wifi never.
  const ROADS = ['人民路', '解放路', '中山路', '建设路', '滨江路', '学府路', '文化路'];
  const PROBLEMS = ['路灯不亮', '路面破损', '公交班次少', '垃圾清运不及时', '学校门口接送拥堵', '噪音扰民', '停车难', '交通灯故障'];
  const EXTRA = ['问题突出', '居民反映强烈', '请尽快处理', '老人出行不便', '已经持续半年', '联系电话13812345678'];
  const COUNT = 240;

  beforeAll(async () => {
    const db = await testDatabase('searchplans');
    if (!db) return;
    cleanup = db.cleanup;
    ds = new DataSource({ ...dataSourceOptions(db), migrationsTransactionMode: 'each' });
    await ds.initialize();
    await ds.runMigrations();
    pool = new PublicSearchPool(ds, { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: db.database });
    search = new SearchService(ds, pool);
    const now = new Date('2026-03-02T02:00:00Z');
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    await ds.transaction(async (em) => {
      for (let i = 0; i < COUNT; i++) {
        const road = ROADS[next(ROADS.length)]!;
        const problem = PROBLEMS[next(PROBLEMS.length)]!;
        const title = `关于${road}${problem}的建议`;
        const body = `${road}${problem}，${EXTRA[next(EXTRA.length)]}。${next(5) === 0 ? 'Free WiFi 5G' : ''}${next(7) === 0 ? '路灯' : ''}`;
        const campaignId = 1 + next(2);
        const r = await em.insert(
          SuggestionEntity,
          newSuggestionRow(
            { campaignId, authorId: 1, title, body, category: '城市建设', location: null, consentToPublish: true, anonymous: false, authorName: '张三', idempotencyKey: `plans-${i}`, contentHash: 'x' },
            now,
          ),
        );
        const id = r.identifiers[0]!.id as number;
        await search.index(em, id, title, body, '张三');
        docs.push({ id, campaignId, publicText: searchTableRow(publicSearchText({ title, body, authorName: '张三' })).publicText });
      }
    });
  });
  afterAll(async () => {
    await pool?.onModuleDestroy();
    await ds?.destroy();
    await cleanup();
  });

  const QUERIES = ['建议', '路灯', '人民路 路灯', '建议 问题 居民', '学校门口接送拥堵', '垃圾', 'wifi', '5g 建议', '交通灯', '中山路 停车难', '13812345678', '张三', '没有的词'];

  /** The definition: what a search for `query` must find, newest first. */
  const expected = (query: string, campaignId: number | null, belowId: number | null) => {
    const q = parseQuery(query);
    return docs
      .filter((d) => (campaignId === null || d.campaignId === campaignId) && (belowId === null || d.id < belowId))
      .filter((d) => {
        const tokens = new Set(documentTokens(d.publicText));
        return q.tokens.every((t) => tokens.has(t)) && q.phrases.every((p) => d.publicText.includes(p));
      })
      .map((d) => d.id)
      .sort((a, b) => b - a);
  };

  const base = (campaignId: number | null, belowId: number | null) => {
    const qb = ds!.getRepository(SuggestionEntity).createQueryBuilder('s').where('1 = 1');
    if (campaignId !== null) qb.andWhere('s.campaignId = :campaignId', { campaignId });
    if (belowId !== null) qb.andWhere('s.id < :belowId', { belowId });
    return qb;
  };

  it('the scan, the index on each token, and the chosen plan agree with the definition', async () => {
    if (!ds) return;
    for (const query of QUERIES) {
      const tokens = parseQuery(query).tokens;
      for (const campaignId of [null, 2]) {
        for (const belowId of [null, docs[Math.floor(COUNT / 2)]!.id]) {
          for (const limit of [5, 21, 300]) {
            const want = expected(query, campaignId, belowId).slice(0, limit);
            const label = `${query} campaign=${campaignId} below=${belowId} limit=${limit}`;
            expect([label, await search.publicIds(base(campaignId, belowId), query, limit)]).toEqual([label, want]);
            // A scan with a small window, so that it hands over to the index part way.
            for (const window of [7, 5000]) {
              expect([label, 'scan', window, await search.publicIds(base(campaignId, belowId), query, limit, { kind: 'scan' }, window)]).toEqual([label, 'scan', window, want]);
            }
            for (let i = 0; i < tokens.length; i++) {
              expect([label, 'index', i, await search.publicIds(base(campaignId, belowId), query, limit, { kind: 'index', driving: [i] })]).toEqual([label, 'index', i, want]);
            }
          }
        }
      }
    }
  }, 120_000);

  it('counts exactly when few items are searched, and the common word is found in every item', async () => {
    if (!ds) return;
    for (const query of QUERIES) {
      expect([query, await search.publicCount(base(null, null), query)]).toEqual([query, { count: expected(query, null, null).length, estimated: false }]);
    }
    expect(expected('建议', null, null)).toHaveLength(COUNT);
    expect(expected('13812345678', null, null)).toHaveLength(0);
  }, 60_000);
});
