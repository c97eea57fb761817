// Public search latency on MariaDB at a chosen size (issue 12 §6), through the platform's own
// code path (FeedService.list's query, SearchService.publicPage/publicCount on the public
// search pool, a plan per query). Builds its own database `civicloop_searchprobe` with bulk
// multi-row INSERTs and one FULLTEXT build at the end; not part of CI.
//   node dist/bench/search-probe.js --rows 200000 [--runs 40] [--reuse]
import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { applyKeyset } from '../src/graphql/connection.js';
import { publicSearchText, searchTableRow } from '../src/search/search-index.js';
import { PublicSearchPool } from '../src/search/public-search-pool.js';
import { SearchService } from '../src/search/search.service.js';
import { choosePlan, SCAN_WINDOW } from '../src/search/search-plan.js';
import { parseQuery } from '../src/search/search-tokens.js';
import { newSuggestionRow, SuggestionEntity } from '../src/suggestions/suggestion.entity.js';
import { Rng } from './data/random.js';
import { CATEGORIES, suggestionText } from './data/text.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg('rows', '200000'));
const RUNS = Number(arg('runs', '40'));
const REUSE = process.argv.includes('--reuse');
const ROOT = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const DB = 'civicloop_searchprobe';
const QUERIES = ['建议', '路灯', '人民路 路灯', '建议 问题 居民', '学校门口接送拥堵', '垃圾', 'wifi'];

async function main() {
  if (!REUSE) {
    const c = await createConnection({ uri: ROOT });
    await c.query(`DROP DATABASE IF EXISTS ${DB}`);
    await c.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
  }
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database: { type: 'mariadb' as const, url: `${ROOT}/${DB}`, poolSize: 20 } };
  const ds = new DataSource({ ...dataSourceOptions(config), migrationsTransactionMode: 'each' });
  await ds.initialize();
  if (!REUSE) {
    await ds.runMigrations();
    const started = Date.now();
    // Bulk load: multi-row INSERTs of generated rows (explicit ids, legacy tracking numbers),
    // the search rows computed by the platform's own functions, and the FULLTEXT index built
    // once at the end (InnoDB sorts it in parallel) instead of row by row.
    // The search table is made again from its migrated definition without the FULLTEXT key.
    // Dropping the key in place is not enough: on MariaDB 10.11, after the migrations' instant
    // ADD COLUMN (publicText), the first FULLTEXT key added back answers no MATCH at all.
    const [{ 'Create Table': ddl }] = (await ds.query('SHOW CREATE TABLE suggestion_search')) as { 'Create Table': string }[];
    await ds.query('DROP TABLE suggestion_search');
    await ds.query(withoutFulltextKeys(ddl));
    const rng = new Rng(12);
    const at = new Date('2026-01-01T00:00:00Z');
    const BATCH = 1000;
    let columns: string[] | null = null;
    for (let done = 0; done < ROWS; ) {
      const batch = Math.min(BATCH, ROWS - done);
      const sugg: unknown[][] = [];
      const idx: unknown[][] = [];
      for (let i = 0; i < batch; i++) {
        const id = done + i + 1;
        const category = CATEGORIES[(done + i) % CATEGORIES.length]!;
        const text = suggestionText(rng, category);
        const row = {
          id,
          ...newSuggestionRow(
            { campaignId: 1, authorId: null, title: text.title, body: text.body, category, location: text.location, consentToPublish: true, anonymous: false, authorName: null, idempotencyKey: `probe-${id}`, contentHash: 'probe' },
            at,
          ),
          trackingNumber: null,
          status: 'CLOSED',
          published: true,
        };
        columns ??= Object.keys(row);
        sugg.push(columns.map((c) => (row as Record<string, unknown>)[c]));
        const s = searchTableRow(publicSearchText(row));
        idx.push([id, s.tokens, s.publicText]);
      }
      await ds.query(`INSERT INTO suggestions (${columns!.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [sugg]);
      await ds.query('INSERT INTO suggestion_search (suggestionId, tokens, publicText) VALUES ?', [idx]);
      done += batch;
      if (done % 100000 === 0) console.log(`${done} rows, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    console.log(`rows in ${((Date.now() - started) / 1000).toFixed(0)} s; building the FULLTEXT index`);
    await ds.query('ALTER TABLE suggestion_search ADD FULLTEXT INDEX ft_suggestion_search_tokens (tokens)');
    await ds.query('ANALYZE TABLE suggestions, suggestion_search');
    await checkFulltextAnswers(ds);
    console.log(`loaded ${ROWS} rows in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const [{ size }] = (await ds.query('SELECT @@innodb_buffer_pool_size size')) as { size: number }[];
  console.log(`MariaDB ${((await ds.query('SELECT VERSION() v')) as { v: string }[])[0]!.v}, innodb_buffer_pool_size ${(Number(size) / 2 ** 20).toFixed(0)} MiB`);
  const pool = new PublicSearchPool(ds, config);
  const search = new SearchService(ds, pool);
  const pageQuery = (q: string) => {
    // FeedService.list for an anonymous first page with a query.
    const qb = ds.getRepository(SuggestionEntity).createQueryBuilder('s').where('s.published = :yes AND s.consentToPublish = :yes', { yes: true });
    const counting = qb.clone();
    applyKeyset(qb, 's.id', 's.id', 'DESC', null);
    return { qb, counting };
  };
  const results: Record<string, unknown>[] = [];
  for (const q of QUERIES) {
    const plan = choosePlan(await search.sample(parseQuery(q)), 21);
    for (const kind of ['page', 'page+count'] as const) {
      const times: number[] = [];
      let refused = 0;
      let hits = 0;
      let estimated = false;
      for (let i = 0; i < RUNS; i++) {
        const { qb, counting } = pageQuery(q);
        const t0 = performance.now();
        try {
          const rows = await search.publicPage(qb, q, 21);
          hits = rows.length;
          if (kind === 'page+count') ({ count: hits, estimated } = await search.publicCount(counting, q));
        } catch (err) {
          refused++;
          if (refused === 1) console.log(`  ${q} ${kind}: ${(err as Error).message}`);
        }
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
      const row = { query: q, plan: plan.kind, scan_window: plan.kind === 'scan' ? (plan.window ?? SCAN_WINDOW) : null, kind, estimated, runs: RUNS, p50_ms: +pct(50).toFixed(1), p99_ms: +pct(99).toFixed(1), refused_by_time_limit: refused, hits };
      results.push(row);
      console.log(JSON.stringify(row));
    }
  }
  await pool.onModuleDestroy();
  await ds.destroy();
}

/** A CREATE TABLE statement with its FULLTEXT keys removed. */
function withoutFulltextKeys(ddl: string): string {
  return ddl.replace(/,\s*FULLTEXT KEY [^\n]*(?=\n)/g, '');
}

/** The index must find what a scan finds, or every index-plan figure measures an empty lookup. */
async function checkFulltextAnswers(ds: DataSource): Promise<void> {
  const [sample] = (await ds.query('SELECT tokens FROM suggestion_search ORDER BY suggestionId LIMIT 1')) as { tokens: string }[];
  const token = sample!.tokens.split(' ')[0]!;
  const [{ n: matched }] = (await ds.query('SELECT COUNT(*) n FROM suggestion_search WHERE MATCH(tokens) AGAINST (? IN BOOLEAN MODE)', [`+${token}`])) as { n: number }[];
  const [{ n: scanned }] = (await ds.query("SELECT COUNT(*) n FROM suggestion_search WHERE CONCAT(' ', tokens, ' ') LIKE ?", [`% ${token} %`])) as { n: number }[];
  if (Number(matched) !== Number(scanned)) throw new Error(`the FULLTEXT index finds ${matched} rows with ${token}, a scan ${scanned}: the index is broken`);
  console.log(`FULLTEXT check: ${token} in ${matched} rows by the index and by a scan`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
