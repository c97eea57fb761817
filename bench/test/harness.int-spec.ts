import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareShapes, normalizeSql, requestStatements } from '../lib/sql-capture.js';
import { compareRatios, median, ratioSpread } from '../lib/stats.js';
import { safeToAnalyze, summarizePlanJson } from '../lib/plan-summary.js';
import { statementCatalogue } from '../lib/explain.js';
import { FEED_SQL } from '../raw/statements.js';
import { parseOptions } from '../lib/options.js';
import { cell, sqlDateTime } from '../data/bulk-load.js';
import { World } from '../data/world.js';
import { lifeOf } from '../data/lifecycle.js';
import { generateData } from '../data/generate.js';
import { benchConnection, benchEnvironment, dropDatabase, freshDatabase } from '../lib/environment.js';
import { paced } from '../lib/load.js';
import { checkTargets, emptyResults } from '../report/results.js';
import { renderChart } from '../report/chart.js';
import { startOfShanghaiDay } from '../../src/calendar/shanghai-time.js';
import { TEST_DB, mysqlAvailable } from '../../test/helpers/test-db.js';
import { parseTrackingNumber } from '../../src/suggestions/tracking-number.js';
import { resultsMarkdown } from '../report/markdown.js';

// The benchmark harness (bench/): the pieces whose mistakes would make its numbers wrong
// rather than fail loudly — SQL shape comparison, the open-loop generator, the generated
// ledger's consistency, and the bulk load keeping the migrations' indexes.

describe('bench: SQL shapes', () => {
  it('folds literals, NULLs and value lists, keeps identifiers', () => {
    expect(normalizeSql("SELECT `s`.`id` FROM `suggestions` `s` WHERE `s`.`leadUnitId` = 7 AND `s`.`status` IN ('A', 'B') LIMIT 21")).toBe(
      'SELECT `s`.`id` FROM `suggestions` `s` WHERE `s`.`leadUnitId` = ? AND `s`.`status` IN (?+) LIMIT ?',
    );
    expect(normalizeSql("INSERT INTO `t`(`a`, `b2`) VALUES (DEFAULT, 'it''s'), (NULL, -3.5)")).toBe('INSERT INTO `t`(`a`, `b2`) VALUES (?+)');
    expect(normalizeSql("SELECT 'a\\'b'  FROM   t1")).toBe('SELECT ? FROM t1');
  });

  it('compares captures as multisets of shapes', () => {
    const ours = ['SELECT * FROM units WHERE id IN (1, 2)', 'SELECT * FROM replies WHERE suggestionId IN (5)'];
    expect(compareShapes(ours, ['SELECT * FROM replies WHERE suggestionId IN (9, 8)', 'SELECT * FROM units WHERE id IN (3)'])).toEqual([]);
    const diffs = compareShapes(ours, ['SELECT * FROM units WHERE id IN (3)']);
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toContain('replies');
  });

  it('leaves out the relay’s background transactions and health probes, keeps request transactions', () => {
    const statements = [
      // The end of a relay pass that began before the capture window.
      { threadId: 6, sql: 'COMMIT' },
      { threadId: 1, sql: 'START TRANSACTION' },
      { threadId: 2, sql: 'SELECT 1' },
      { threadId: 1, sql: 'SELECT `o`.`id` FROM `outbox_messages` `o` WHERE `o`.`dispatchedAt` IS NULL LIMIT 100 FOR UPDATE SKIP LOCKED' },
      { threadId: 3, sql: 'START TRANSACTION' },
      { threadId: 3, sql: 'INSERT INTO `suggestions` (`id`) VALUES (DEFAULT)' },
      { threadId: 1, sql: 'UPDATE `outbox_messages` SET `dispatchedAt` = NOW() WHERE `id` IN (1)' },
      { threadId: 1, sql: 'COMMIT' },
      { threadId: 3, sql: 'COMMIT' },
      { threadId: 4, sql: 'SELECT COUNT(1) AS `cnt` FROM `suggestions`' },
      // A relay pass the capture window cut off before its COMMIT.
      { threadId: 5, sql: 'START TRANSACTION' },
      { threadId: 5, sql: 'UPDATE `outbox_messages` SET `dispatchedAt` = ?, `availableAt` = CASE `id` WHEN 7 THEN ? END WHERE `id` IN (7)' },
      // One that had only begun.
      { threadId: 7, sql: 'START TRANSACTION' },
    ];
    expect(requestStatements(statements).map((s) => s.sql)).toEqual([
      'START TRANSACTION',
      'INSERT INTO `suggestions` (`id`) VALUES (DEFAULT)',
      'COMMIT',
      'SELECT COUNT(1) AS `cnt` FROM `suggestions`',
    ]);
  });
});

describe('bench: options, statistics and reports', () => {
  it('parses the command line', () => {
    const quick = parseOptions(['--quick', '--json', 'out.json']);
    expect(quick).toMatchObject({ quick: true, jsonFile: 'out.json', writeDocs: false, rounds: 3 });
    expect(quick.data.suggestions).toBe(50_000);
    const full = parseOptions(['--only', 'submit,scoring', '--rounds', '5']);
    expect(full.data.suggestions).toBe(1_000_000);
    expect([...full.only]).toEqual(['submit', 'scoring']);
    expect(full.rounds).toBe(5);
    expect(() => parseOptions(['--only', 'nonsense'])).toThrow(/unknown scenario/);
  });

  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('checks the targets and draws the chart with scenarios missing', () => {
    const r = emptyResults();
    r.submit = { ours_rps: 120, raw_rps: 180, ratio: 0.667, p99_ms: 500, raw_p99_ms: 300, round_ratios: [0.6, 0.667, 0.7], ratio_min: 0.6, ratio_max: 0.7, spread: 0.1 };
    r.sql_per_request = { feed_20: 4, feed_100: 4, inbox_20: 3, inbox_100: 4 };
    const checks = checkTargets(r);
    expect(checks.find((c) => c.name === 'submit ratio')?.met).toBe(true);
    expect(checks.find((c) => c.name === 'feed ratio')?.met).toBeNull();
    expect(checks.find((c) => c.name === 'inbox SQL per request')?.met).toBe(false);
    const svg = renderChart(r, 'test');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('ratio 0.67');
    expect(svg).toContain('not measured');
  });

  it('puts the ceiling, the round spread and the plans beside the ratios', () => {
    const r = emptyResults();
    r.feed = { ours_rps: 100, raw_rps: 200, ratio: 0.5, p99_ms: 500, raw_p99_ms: 300, round_ratios: [0.45, 0.5, 0.52], ratio_min: 0.45, ratio_max: 0.52, spread: 0.07 };
    r.ceiling = { rps: 9000, p99_ms: 12, rps_after: 8500 };
    r.plans = {
      'feed.page': {
        request: 'feed_20',
        statement: 'SELECT 27 columns FROM suggestions s WHERE s.published = ? ORDER BY s.id DESC LIMIT ?',
        key: 'PRIMARY',
        rows: 21,
        rows_estimated: 40,
        analyzed: true,
        filesort: false,
        temporary: false,
        tables: [{ table: 's', access: 'index', index: 'PRIMARY', rows: 40, rowsRead: 21, loops: 1 }],
      },
      'submit.lockResident': {
        request: 'submit',
        statement: 'SELECT 9 columns FROM residents locked WHERE locked.id IN (?+) ORDER BY locked.id ASC FOR UPDATE',
        key: null,
        rows: 7,
        rows_estimated: 7,
        analyzed: false,
        filesort: true,
        temporary: false,
        tables: [{ table: 'locked', access: 'ALL', index: null, rows: 7, rowsRead: null, loops: null }],
      },
    };
    const md = resultsMarkdown(r, checkTargets(r), { startedAt: 'now', durationS: 60, command: 'npm run bench', machine: [], data: 'tiny', notes: [], statementChecks: [] }, 'chart.svg');
    expect(md).toContain('| ceiling: a plain Fastify hello server, POST /hello (50 connections) | | 9000 req/s (8500 after the HTTP scenarios) |');
    expect(md).toContain('(rounds 0.45, 0.50, 0.52; min 0.45, max 0.52, spread 0.07)');
    expect(md).toContain('| feed.page | feed_20 | PRIMARY | 21 | no | no | s: index, ~40 estimated |');
    expect(md).toContain('| submit.lockResident | submit | **none** | 7 (estimate) | **yes** | no | locked: ALL, ~7 estimated |');
  });

  it('writes TSV cells as LOAD DATA reads them', () => {
    expect(cell(null)).toBe('\\N');
    expect(cell(true)).toBe('1');
    expect(cell('a\tb\\c\n')).toBe('a\\tb\\\\c\\n');
    expect(sqlDateTime(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe('2026-01-02 03:04:05.006');
    expect(sqlDateTime(Date.UTC(2025, 11, 31, 23, 59, 59, 999))).toBe('2025-12-31 23:59:59.999');
  });
});

describe('bench: plans from EXPLAIN / ANALYZE FORMAT=JSON', () => {
  // Documents as MariaDB 10.11 returned them (mysql.help_* tables), trimmed of timings.
  const orderedIndexScan = {
    query_optimization: { r_total_time_ms: 0.08 },
    query_block: {
      select_id: 1,
      r_loops: 1,
      nested_loop: [
        {
          table: { table_name: 'help_topic', access_type: 'index', key: 'name', used_key_parts: ['name'], r_loops: 1, rows: 1010, r_rows: 1010, filtered: 100, r_filtered: 0, attached_condition: 'help_topic.help_category_id = 3' },
        },
      ],
    },
  };
  const groupedJoin = {
    query_block: {
      select_id: 1,
      r_loops: 1,
      filesort: {
        sort_key: 'count(0) desc',
        r_loops: 1,
        temporary_table: {
          nested_loop: [
            { table: { table_name: 'r', access_type: 'index', possible_keys: ['help_topic_id'], key: 'help_topic_id', r_loops: 1, rows: 1684, r_rows: 1684, using_index: true } },
            { table: { table_name: 't', access_type: 'eq_ref', possible_keys: ['PRIMARY'], key: 'PRIMARY', ref: ['mysql.r.help_topic_id'], r_loops: 1684, rows: 1, r_rows: 1 } },
          ],
        },
      },
    },
  };
  const explainOnly = {
    query_block: {
      select_id: 1,
      nested_loop: [{ table: { table_name: 'help_topic', access_type: 'const', possible_keys: ['PRIMARY'], key: 'PRIMARY', ref: ['const'], rows: 1, filtered: 100 } }],
    },
  };

  it('reads the index, the rows really read, and no sort or temporary table from an ANALYZE document', () => {
    const p = summarizePlanJson(JSON.stringify(orderedIndexScan));
    expect(p).toMatchObject({ key: 'name', rows: 1010, rows_estimated: 1010, analyzed: true, filesort: false, temporary: false });
    expect(p.tables).toEqual([{ table: 'help_topic', access: 'index', index: 'name', rows: 1010, rowsRead: 1010, loops: 1 }]);
  });

  it('finds a filesort and a temporary table nested anywhere, and multiplies rows read by loops', () => {
    const p = summarizePlanJson(groupedJoin);
    expect(p.key).toBe('help_topic_id,PRIMARY');
    expect(p.filesort).toBe(true);
    expect(p.temporary).toBe(true);
    expect(p.rows).toBe(1684 + 1684 * 1);
    expect(p.rows_estimated).toBe(1685);
  });

  it('falls back to the estimate under plain EXPLAIN, and says so', () => {
    expect(summarizePlanJson(explainOnly)).toMatchObject({ key: 'PRIMARY', rows: 1, analyzed: false, filesort: false, temporary: false });
  });

  it('counts a const table under ANALYZE (read while optimizing, no r_rows) as its one row, still analyzed', () => {
    const constUnderAnalyze = { query_optimization: { r_total_time_ms: 0.1 }, query_block: { ...explainOnly.query_block, r_loops: 1 } };
    expect(summarizePlanJson(constUnderAnalyze)).toMatchObject({ key: 'PRIMARY', rows: 1, analyzed: true });
  });

  it('marks EXPLAIN’s read_sorted_file / using_temporary_table forms, and a full scan as no key', () => {
    const p = summarizePlanJson({
      query_block: { select_id: 1, read_sorted_file: { filesort: { sort_key: 's.replyDueAt', table: { table_name: 's', access_type: 'ALL', rows: '50000', filtered: 100 } } } },
    });
    expect(p).toMatchObject({ key: null, rows: 50000, filesort: true, temporary: false });
    expect(summarizePlanJson({ query_block: { using_temporary_table: true, table: { table_name: 'x', access_type: 'ALL', rows: 3 } } }).temporary).toBe(true);
  });

  it('runs ANALYZE only on plain reads', () => {
    expect(safeToAnalyze('SELECT 1 FROM t WHERE id = 3')).toBe(true);
    expect(safeToAnalyze('SELECT * FROM residents locked WHERE locked.id IN (5) ORDER BY locked.id ASC FOR UPDATE')).toBe(false);
    expect(safeToAnalyze('select a from t lock in share mode')).toBe(false);
    expect(safeToAnalyze('INSERT INTO t VALUES (1)')).toBe(false);
  });

  it('names captured statements by bench/raw/statements.ts', () => {
    const captured = FEED_SQL.page.replace('LIMIT ?', 'LIMIT 21');
    expect(statementCatalogue().get(normalizeSql(captured))).toBe('feed.page');
  });
});

describe('bench: round ratios and run to run', () => {
  it('pairs round i of ours with round i of raw and reports their range', () => {
    expect(ratioSpread([100, 90, 120], [200, 200, 200])).toEqual({ round_ratios: [0.5, 0.45, 0.6], ratio_min: 0.45, ratio_max: 0.6, spread: 0.15 });
    expect(ratioSpread([50], [100])).toMatchObject({ spread: 0, ratio_min: 0.5, ratio_max: 0.5 });
    expect(() => ratioSpread([1, 2], [1])).toThrow(/2 rounds of ours against 1/);
  });

  it('compares the ratios two runs share, within or beyond ±0.1', () => {
    const before = { feed: { ratio: 0.5 }, inbox: { ratio: 0.7 }, submit: null, reminders: { ratio: 1 } };
    const now = { feed: { ratio: 0.58 }, inbox: { ratio: 0.55 }, submit: { ratio: 0.9 }, reminders: { ratio: 1.1 } };
    expect(compareRatios(before, now, ['submit', 'feed', 'inbox', 'reminders'])).toEqual({
      feed: { before: 0.5, now: 0.58, difference: 0.08, within: true },
      inbox: { before: 0.7, now: 0.55, difference: -0.15, within: false },
      reminders: { before: 1, now: 1.1, difference: 0.1, within: true },
    });
  });
});

describe('bench: the generated ledger follows the workflow', () => {
  const size = { suggestions: 4000, units: 100, residents: 800, quarters: 8, evaluators: 20, timeline: false };
  // A fixed "now" (a Wednesday, 14:00 in Shanghai): which items are still awaiting a signature
  // depends on the weekday and the hour, and this test must not.
  const world = new World(size, Date.UTC(2026, 10, 25, 6, 0));
  const lives = Array.from({ length: size.suggestions }, (_, i) => lifeOf(world, i + 1));

  it('spreads submissions over eight quarters, none of them today', () => {
    const today = startOfShanghaiDay(new Date(world.now)).getTime();
    expect(lives.filter((s) => s.submittedAt < world.start || s.submittedAt >= today).map((s) => s.id)).toEqual([]);
    expect(new Set(lives.map((s) => s.campaignId)).size).toBeGreaterThan(50);
  });

  it('moves each item through the transition table, ending in its status', () => {
    const broken: string[] = [];
    for (const s of lives) {
      const e = s.events;
      if (e[0]!.action !== 'submit' || e[0]!.fromStatus !== null || e[0]!.toStatus !== 'SUBMITTED') broken.push(`${s.id}: first event`);
      for (let i = 1; i < e.length; i++) {
        if (e[i]!.fromStatus !== e[i - 1]!.toStatus || e[i]!.at < e[i - 1]!.at) broken.push(`${s.id}: event ${i}`);
      }
      if (e.at(-1)!.toStatus !== s.status || e.at(-1)!.at > world.now) broken.push(`${s.id}: last event`);
    }
    expect(broken).toEqual([]);
    const statuses = new Set(lives.map((s) => s.status));
    for (const st of ['CLOSED', 'IN_PROGRESS', 'REPLIED', 'ASSIGNED', 'REJECTED'] as const) expect(statuses).toContain(st);
  });

  it('keeps the columns that the feed, the inbox and the scoring read consistent', () => {
    const broken: string[] = [];
    const check = (ok: boolean, what: string) => ok || broken.push(what);
    for (const s of lives) {
      if (s.status === 'CLOSED') check(s.closedAt !== null, `${s.id}: closed without closedAt`);
      if (s.published) {
        check(s.consentToPublish && s.adoption !== null && s.replies.some((r) => r.status === 'PUBLISHED'), `${s.id}: published without consent or reply`);
      }
      if (s.leadUnitId !== null) {
        check(s.assignments.find((a) => a.role === 'LEAD')?.unitId === s.leadUnitId, `${s.id}: lead assignment`);
        check(world.units.find((u) => u.id === s.leadUnitId)?.kind !== 'OFFICE', `${s.id}: led by the office`);
      }
      for (const g of s.ratings) check(s.replies[g.reply]!.status === 'PUBLISHED', `${s.id}: rated an unpublished reply`);
      const reviewers = s.reviews.map((v) => `${v.reply}:${v.evaluatorId}`);
      check(new Set(reviewers).size === reviewers.length, `${s.id}: an evaluator reviewed a reply twice`);
      check(new Set(s.supports.map((p) => p.residentId)).size === s.supports.length, `${s.id}: a resident supported twice`);
    }
    expect(broken).toEqual([]);
    expect(new Set(lives.map((s) => `${s.authorId}:${s.idempotencyKey}`)).size).toBe(lives.length);
  });
});

describe('bench: the open-loop generator', () => {
  let server: Server;
  let port: number;
  let received: number[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push(performance.now());
      req.resume();
      setTimeout(() => res.writeHead(200).end('ok'), 300);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  it('sends on its clock without waiting for answers, and measures from when each was due', async () => {
    received = [];
    const workload = { name: 'feed' as const, next: () => ({ path: '/', headers: { 'content-type': 'application/json' }, body: '{}' }), ok: (_: string, b: string) => b === 'ok' };
    const started = performance.now();
    const result = await paced(`http://127.0.0.1:${port}`, workload, 'api', 100, 1);
    expect(result.sent).toBe(100);
    expect(result.errors).toBe(0);
    // Every answer takes 300 ms, yet the sends kept their 10 ms spacing.
    expect(received.filter((t) => t - started < 290).length).toBeGreaterThan(20);
    expect(result.p50Ms).toBeGreaterThanOrEqual(295);
    expect(result.p50Ms).toBeLessThan(1000);
  });
});

const onMariaDb = TEST_DB === 'mysql' ? describe : describe.skip;

onMariaDb('bench: bulk load into MariaDB (TEST_DB=mysql)', () => {
  const out = mkdtempSync(join(tmpdir(), 'civicloop-bench-'));
  const loaded = benchEnvironment(out, 'http://127.0.0.1:9/webhook', `civicloop_t_benchgen_${process.pid}`);
  const reference = benchEnvironment(out, 'http://127.0.0.1:9/webhook', `civicloop_t_benchref_${process.pid}`);
  let available = false;

  beforeAll(async () => {
    available = await mysqlAvailable();
    if (!available) return;
    await freshDatabase(loaded);
    await freshDatabase(reference);
  }, 120_000);
  afterAll(async () => {
    if (!available) return;
    await dropDatabase(loaded);
    await dropDatabase(reference);
  });

  it('loads a consistent ledger and leaves every index as the migrations made it', async () => {
    if (!available) return;
    const data = await generateData(loaded, { suggestions: 3000, units: 100, residents: 500, quarters: 8, evaluators: 20, timeline: true }, () => undefined, { progressBar: false });
    expect(data.rows.suggestions).toBe(3000);
    const c = await benchConnection(loaded);
    try {
      const one = async (sql: string) => Number(Object.values(((await c.query(sql))[0] as Record<string, unknown>[])[0]!)[0]);
      expect(await one('SELECT COUNT(*) FROM suggestions')).toBe(3000);
      expect(await one('SELECT COUNT(*) FROM residents')).toBe(500);
      expect(await one('SELECT COUNT(*) FROM timeline_events')).toBe(data.rows.timeline_events);
      // Every rating, review and reply points at rows that exist; published items have a published reply.
      expect(await one('SELECT COUNT(*) FROM ratings g LEFT JOIN replies r ON r.id = g.replyId WHERE r.id IS NULL OR r.status <> "PUBLISHED"')).toBe(0);
      expect(await one('SELECT COUNT(*) FROM evaluator_reviews e LEFT JOIN replies r ON r.id = e.replyId WHERE r.id IS NULL OR r.unitId <> e.unitId')).toBe(0);
      expect(await one('SELECT COUNT(*) FROM suggestions s WHERE s.published = 1 AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.suggestionId = s.id AND r.status = "PUBLISHED")')).toBe(0);
      expect(await one('SELECT COUNT(*) FROM suggestions s WHERE s.leadUnitId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.suggestionId = s.id AND a.role = "LEAD" AND a.unitId = s.leadUnitId)')).toBe(0);
      expect(await one('SELECT COUNT(*) FROM suggestions s JOIN residents r ON r.id = s.authorId WHERE s.authorName <> r.displayName')).toBe(0);
      // Random tracking numbers like real rows, from the platform's own generator.
      expect(await one('SELECT COUNT(DISTINCT trackingNumber) FROM suggestions')).toBe(3000);
      const [[sample]] = (await c.query('SELECT trackingNumber FROM suggestions ORDER BY id LIMIT 1')) as unknown as [{ trackingNumber: string }[]];
      expect(parseTrackingNumber(sample!.trackingNumber)?.kind).toBe('random');
      // The next insert continues after the loaded ids.
      const [status] = (await c.query("SHOW TABLE STATUS LIKE 'suggestions'")) as unknown as [{ Auto_increment: number }[]];
      expect(Number(status[0]!.Auto_increment)).toBeGreaterThan(3000);
      const indexes = async (db: string) =>
        JSON.stringify(
          ((
            await c.query(
              `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
              [db],
            )
          )[0] as unknown[]),
        );
      expect(await indexes(loaded.database)).toBe(await indexes(reference.database));
    } finally {
      await c.end();
    }
  }, 120_000);
});
