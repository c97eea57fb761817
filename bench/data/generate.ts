import cliProgress from 'cli-progress';
import type { Connection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords.js';
import { DEFAULT_PASSWORD_HASH_COST } from '../../src/auth/password-cost.js';
import { PiiCrypto } from '../../src/common/pii-crypto.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ENTITIES } from '../../src/database/entities.js';
import { benchConnection, type BenchEnvironment } from '../lib/environment.js';
import type { DataSize } from '../lib/options.js';
import { dropSecondaryIndexes, restoreIndexes, sqlDateTime, TableLoader, type Cell, type IndexDefinition } from './bulk-load.js';
import { lifeOf, residentName } from './lifecycle.js';
import { World, DAY } from './world.js';
import { COLUMNS } from '../lib/columns.js';
import { supporterKeyOf } from '../../src/awards/support.service.js';
import { newSuggestionRow, type SubmittedFields } from '../../src/suggestions/suggestion.entity.js';

const residentPhone = (id: number) => `139${String(id).padStart(8, '0')}`;

// The data generator: a city's ledger over eight quarters, loaded in bulk. Each table's
// columns are listed here and checked against the TypeORM entity metadata before loading,
// so an entity that gains a required column stops the generator instead of loading junk.

// The generated item's own fields come from its lifecycle; only the intake columns are taken
// from newSuggestionRow, which needs some submitted fields to build its row.
const INTAKE_STUB: SubmittedFields = {
  campaignId: 0, authorId: null, title: '', body: '', category: '', location: null, consentToPublish: false, anonymous: false, authorName: null, idempotencyKey: '', contentHash: '',
};

export const STAFF_PASSWORD = 'bench-password-not-for-production';

type Table = keyof typeof COLUMNS;

export interface GeneratedData {
  world: World;
  rows: Record<string, number>;
  seconds: number;
  /** Residents, staff and units the load scenarios act as. */
  residentIds: number[];
}

/** Fails when an entity has a column the generator would leave without a value it needs. */
async function checkColumnsFollowEntities(env: BenchEnvironment): Promise<Set<string>> {
  const ds = new DataSource({ ...dataSourceOptions(env.config), entities: ENTITIES });
  await ds.initialize();
  try {
    const present = new Set<string>();
    for (const [table, columns] of Object.entries(COLUMNS) as [Table, readonly string[]][]) {
      const meta = ds.entityMetadatas.find((m) => m.tableName === table);
      if (!meta) continue; // that feature has not landed: its table is skipped
      present.add(table);
      const listed = new Set<string>(columns);
      for (const column of meta.columns) {
        if (listed.has(column.databaseName)) continue;
        if (column.isNullable || column.default !== undefined) continue;
        throw new Error(`bench data generator: ${table}.${column.databaseName} is required by ${meta.name} but not generated; add it to bench/data/generate.ts`);
      }
      for (const name of columns) {
        if (!meta.columns.some((c) => c.databaseName === name)) throw new Error(`bench data generator: ${table}.${name} is no longer a column of ${meta.name}`);
      }
    }
    return present;
  } finally {
    await ds.destroy();
  }
}

async function insertRows(connection: Connection, table: Table, rows: Cell[][]): Promise<void> {
  const cols = COLUMNS[table].map((c) => `\`${c}\``).join(', ');
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map((r) => r.map((v) => (v instanceof Date ? sqlDateTime(v.getTime()) : v)));
    await connection.query(`INSERT INTO \`${table}\` (${cols}) VALUES ?`, [values]);
  }
}

export async function generateData(env: BenchEnvironment, size: DataSize, log: (line: string) => void, options: { progressBar?: boolean } = {}): Promise<GeneratedData> {
  const started = Date.now();
  const present = await checkColumnsFollowEntities(env);
  const world = new World(size);
  const at = (ms: number) => new Date(ms);
  const t = sqlDateTime;
  const created = new Date(world.start - 30 * DAY);
  const admin = await benchConnection(env);
  const rows: Record<string, number> = {};
  try {
    await insertRows(admin, 'units', world.units.map((u) => [u.id, u.code, u.name, u.kind, null, true, created, created]));
    const passwordHash = await hashPassword(STAFF_PASSWORD, DEFAULT_PASSWORD_HASH_COST);
    await insertRows(admin, 'staff_users', world.staff.map((s) => [s.id, s.username, passwordHash, s.displayName, s.roles.join(','), s.unitId, true, created]));
    await insertRows(
      admin,
      'campaigns',
      world.campaigns.map((c) => [
        c.id, c.year, c.number, c.title, c.topic, `围绕“${c.topic}”征集意见建议，优秀建言将参加季度“最佳民众建言奖”评选。`,
        at(c.opensAt), at(c.closesAt), c.status, JSON.stringify(c.categories), 1, 10, 5, 7, 1, c.requireReplyReview, '优秀建言奖励话费100元', at(c.opensAt - DAY), at(c.opensAt - DAY),
      ]),
    );
    rows.units = world.units.length;
    rows.staff_users = world.staff.length;
    rows.campaigns = world.campaigns.length;
  } finally {
    await admin.end();
  }

  // Residents and the ledger: one LOAD DATA per table, all fed from one pass over the suggestions.
  const pii = new PiiCrypto(env.config.pii.encryptionKey, env.config.pii.hashKey);
  const tables = (Object.keys(COLUMNS) as Table[]).filter(
    (t) => present.has(t) && !['units', 'staff_users', 'campaigns'].includes(t) && (t !== 'timeline_events' || size.timeline),
  );
  const indexes = new Map<Table, IndexDefinition[]>();
  const ddl = await benchConnection(env);
  try {
    for (const table of tables) indexes.set(table, await dropSecondaryIndexes(ddl, table));
  } finally {
    await ddl.end();
  }
  log(`  reference rows and index drops in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const connections = await Promise.all(tables.map(() => benchConnection(env)));
  // A table's stream may wait on another's (one pass feeds them all): keep idle loads open.
  await Promise.all(connections.map((c) => c.query('SET SESSION net_read_timeout = 3600, net_write_timeout = 3600')));
  const loaders = new Map(tables.map((t, i) => [t, new TableLoader(t, COLUMNS[t], connections[i]!)]));
  const load = (t: Table) => loaders.get(t);

  const total = size.suggestions + size.residents;
  const showBar = options.progressBar !== false;
  const bar = new cliProgress.SingleBar(
    {
      format: '  loading [{bar}] {percentage}% | {value}/{total} suggestions+residents | {rate} rows/s | {eta_formatted} left',
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 20,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  if (showBar) bar.start(total, 0, { rate: 0 });
  let rowsSoFar = 0;
  const tick = (done: number) => showBar && bar.update(done, { rate: Math.round(rowsSoFar / Math.max(0.001, (Date.now() - started) / 1000)) });
  const flushAll = async () => {
    await Promise.all([...loaders.values()].map((l) => l.flush()));
    rowsSoFar = [...loaders.values()].reduce((n, l) => n + l.rows, 0);
  };
  try {
    const residents = load('residents')!;
    for (let id = 1; id <= size.residents; id++) {
      const phone = residentPhone(id);
      const joined = world.start - 60 * DAY + Math.floor(((id - 1) / size.residents) * (world.end - world.start));
      residents.add([id, pii.encrypt(phone), pii.lookupHash(phone), residentName(id), t(joined), '[]', null, t(joined)]);
      if (id % 5000 === 0) {
        await flushAll();
        tick(id);
      }
    }
    let timelineId = 0;
    let assignmentId = 0;
    let replyId = 0;
    let ratingId = 0;
    let reviewId = 0;
    let supportId = 0;
    const [sug, tl, asg, rep, rat, rev, sup] = (['suggestions', 'timeline_events', 'assignments', 'replies', 'ratings', 'evaluator_reviews', 'suggestion_supports'] as const).map(load);
    for (let id = 1; id <= size.suggestions; id++) {
      const s = lifeOf(world, id);
      // Intake columns as the platform's one initial row sets them (a random tracking number, the
      // online channel), so the ledger carries random numbers like real rows.
      const intake = newSuggestionRow(INTAKE_STUB, new Date(s.submittedAt));
      sug?.add([
        s.id, intake.trackingNumber, s.campaignId, s.authorId, s.title, s.body, s.category, s.location, s.consentToPublish, s.anonymous, s.authorName, s.status,
        intake.channel, intake.recordedById, intake.consentInPerson, s.idempotencyKey, s.contentHash, s.events.length, s.reopenCount, s.leadUnitId, d(s.signDueAt), d(s.replyDueAt), d(s.ratingDueAt),
        s.mergedIntoId, s.adoption, s.published, s.closeReason, d(s.closedAt), t(s.submittedAt), t(s.updatedAt),
      ]);
      for (const e of s.events) tl?.add([++timelineId, id, e.actorKind, e.actorId, e.unitId, e.action, e.fromStatus, e.toStatus, e.note, t(e.at)]);
      for (const a of s.assignments) {
        asg?.add([++assignmentId, id, a.unitId, a.role, a.assignedById, t(a.assignedAt), t(a.signDueAt), d(a.signedAt), a.signedById, a.contribution, d(a.contributedAt), null, null, null]);
      }
      const replyIds = s.replies.map((r) => {
        rep?.add([++replyId, id, r.unitId, r.authorId, r.body, r.adoption, r.notAdoptedReason, null, r.status, t(r.submittedAt), t(r.dueAt), r.onTime, r.reviewedById, d(r.reviewedAt), null, d(r.publishedAt)]);
        return replyId;
      });
      for (const g of s.ratings) rat?.add([++ratingId, id, replyIds[g.reply]!, s.replies[g.reply]!.unitId, s.authorId, g.level, null, t(g.createdAt)]);
      for (const v of s.reviews) {
        const reply = s.replies[v.reply]!;
        rev?.add([++reviewId, replyIds[v.reply]!, id, reply.unitId, v.evaluatorId, v.timeliness, v.substance, v.attitude, t(reply.publishedAt!), t(v.createdAt)]);
      }
      for (const p of s.supports) sup?.add([++supportId, id, p.residentId, supporterKeyOf(pii.lookupHash(residentPhone(p.residentId)), id), t(p.createdAt)]);
      if (id % 2000 === 0) {
        await flushAll();
        tick(size.residents + id);
      }
    }
    await Promise.all([...loaders.values()].map((l) => l.finish()));
    tick(total);
  } finally {
    if (showBar) bar.stop();
    await Promise.all(connections.map((c) => c.end()));
  }
  for (const [t, l] of loaders) rows[t] = l.rows;
  const loadedAt = Date.now();

  // Secondary indexes in one sorted build per table, two tables at a time (two cores).
  const queue = [...tables].sort((a, b) => (rows[b] ?? 0) - (rows[a] ?? 0));
  await Promise.all(
    [0, 1].map(async () => {
      const c = await benchConnection(env);
      try {
        for (let table = queue.shift(); table; table = queue.shift()) await restoreIndexes(c, table, indexes.get(table)!);
      } finally {
        await c.end();
      }
    }),
  );
  const analyze = await benchConnection(env);
  try {
    await analyze.query(`ANALYZE TABLE ${Object.keys(rows).map((t) => `\`${t}\``).join(', ')}`);
  } finally {
    await analyze.end();
  }
  log(`  rows in ${((loadedAt - started) / 1000).toFixed(1)} s, indexes rebuilt in ${((Date.now() - loadedAt) / 1000).toFixed(1)} s`);
  const seconds = (Date.now() - started) / 1000;
  log(`  loaded ${Object.entries(rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')} in ${seconds.toFixed(1)} s`);
  return { world, rows, seconds, residentIds: Array.from({ length: size.residents }, (_, i) => i + 1) };
}

/** Instants go to LOAD DATA as DATETIME(3) text directly: millions of Date objects cost seconds. */
function d(ms: number | null): string | null {
  return ms === null ? null : sqlDateTime(ms);
}
