import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { loadConfig } from '../../src/config/app-config.js';
import { PublicSearchPool } from '../../src/search/public-search-pool.js';
import { SearchService } from '../../src/search/search.service.js';
import { newSuggestionRow, SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { testDatabase, TEST_DB } from '../helpers/test-db.js';

// Chinese full-text search on the real engines: InnoDB FULLTEXT on MariaDB, FTS5 on SQLite.
describe(`suggestion search [${TEST_DB}]`, () => {
  let ds: DataSource | null = null;
  let cleanup: () => Promise<void> = async () => {};
  let search: SearchService;
  let pool: PublicSearchPool | undefined;
  const ids: Record<string, number> = {};

  const docs: Record<string, [string, string, number?]> = {
    traffic: ['交通拥堵', '秀江路早高峰交通拥堵严重，建议优化信号灯配时。'],
    lamp: ['路灯不亮', '袁州区某小区门口的路灯连续一周不亮，夜间出行不便。'],
    trafficLamp: ['交通灯故障', '十字路口交通灯故障，车辆通行混乱。', 2],
    apart: ['交了通知费', '物业通知要求交费，但是没有说明依据。'],
    wifi: ['公园WiFi覆盖', '建议在中心公园增加免费WiFi，方便市民。', 2],
    bus: ['增设公交站', '小区门口没有公交站，老人出行不便，建议增设。'],
    latin: ['Bus route 5G', 'Please add bus route 12 and 5G coverage near the station.'],
    lampDuplicate: ['小区路灯不亮', '我们小区门口的路灯已经连续多天不亮了，晚上出行很不方便。'],
  };

  beforeAll(async () => {
    const db = await testDatabase('search');
    if (!db) return;
    cleanup = db.cleanup;
    ds = new DataSource({ ...dataSourceOptions(db), migrationsTransactionMode: 'each' });
    await ds.initialize();
    await ds.runMigrations();
    pool = new PublicSearchPool(ds, { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: db.database });
    search = new SearchService(ds, pool);
    const now = new Date('2026-03-02T02:00:00Z');
    let n = 0;
    for (const [name, [title, body, campaignId]] of Object.entries(docs)) {
      await ds.transaction(async (em) => {
        const r = await em.insert(
          SuggestionEntity,
          newSuggestionRow(
            { campaignId: campaignId ?? 1, authorId: 1, title, body, category: '城市建设', location: null, consentToPublish: true, anonymous: false, authorName: '测试', idempotencyKey: `search-${++n}`, contentHash: 'x' },
            now,
          ),
        );
        ids[name] = r.identifiers[0]!.id as number;
        await search.index(em, ids[name]!, title, body);
      });
    }
  });
  afterAll(async () => {
    await pool?.onModuleDestroy();
    await ds?.destroy();
    await cleanup();
  });

  const names = async (query: string, options = {}) => {
    const hits = await search.search(query, options);
    const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
    return hits.map((h) => byId.get(h.suggestionId)).sort();
  };

  it('finds two-character Chinese words', async () => {
    if (!ds) return;
    expect(await names('交通')).toEqual(['traffic', 'trafficLamp']);
    expect(await names('路灯')).toEqual(['lamp', 'lampDuplicate']);
    expect(await names('公交')).toEqual(['bus']);
  });

  it('finds one-character queries', async () => {
    if (!ds) return;
    expect(await names('灯')).toEqual(['lamp', 'lampDuplicate', 'traffic', 'trafficLamp']);
    expect(await names('费')).toEqual(['apart', 'wifi']); // 交费, 免费
  });

  it('has no false positives from characters that are only near each other', async () => {
    if (!ds) return;
    // 交了通知 holds 交 and 通 but not 交通.
    expect(await names('交通')).not.toContain('apart');
    // 交通 and 灯 both occur in "traffic" (交通拥堵 … 信号灯) but not 交通灯.
    expect(await names('交通灯')).toEqual(['trafficLamp']);
    expect(await names('地铁')).toEqual([]);
    expect(await names('！！')).toEqual([]);
  });

  it('finds latin words and digits, case-insensitively, alone and mixed with Chinese', async () => {
    if (!ds) return;
    expect(await names('wifi')).toEqual(['wifi']);
    expect(await names('WiFi覆盖')).toEqual(['wifi']);
    expect(await names('BUS')).toEqual(['latin']);
    expect(await names('5g route')).toEqual(['latin']);
    expect(await names('bus 公交')).toEqual([]);
  });

  it('requires every term and honours the filters', async () => {
    if (!ds) return;
    expect(await names('路灯 小区')).toEqual(['lamp', 'lampDuplicate']);
    expect(await names('交通', { campaignIds: [2] })).toEqual(['trafficLamp']);
    expect(await names('路灯', { excludeIds: [ids.lamp] })).toEqual(['lampDuplicate']);
    expect(await names('灯', { limit: 1 })).toHaveLength(1);
  });

  it('ranks the closest duplicate first', async () => {
    if (!ds) return;
    const hits = await search.similar(ids.lamp!, 3);
    expect(hits[0]!.suggestionId).toBe(ids.lampDuplicate);
    expect(hits.map((h) => h.suggestionId)).not.toContain(ids.lamp);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]?.score ?? 0);
  });

  it('re-indexing replaces the old text', async () => {
    if (!ds) return;
    await ds.transaction((em) => search.index(em, ids.bus!, '增设地铁站', '建议增设地铁站。'));
    expect(await names('公交')).toEqual([]);
    expect(await names('地铁')).toEqual(['bus']);
  });
});
