import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { MIGRATIONS } from '../../migrations/index.js';

/**
 * Which database a test suite runs on: SQLite in memory by default, MariaDB/MySQL when
 * TEST_DB=mysql. With CI=true a missing MariaDB fails the run; elsewhere the suite skips
 * with one line saying how to start it.
 */
export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'mysql';
const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export async function mysqlAvailable(): Promise<boolean> {
  try {
    const c = await createConnection({ uri: MYSQL_ROOT, connectTimeout: 2000 });
    await c.end();
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`MariaDB is required in CI and did not answer: ${String(err)}`);
    console.warn('MariaDB not reachable on 127.0.0.1:3306; skipping MySQL suites. Start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd');
    return false;
  }
}

let counter = 0;
/** A fresh, empty database for one suite; returns its URL. */
export async function freshMysqlDatabase(label: string): Promise<string> {
  const name = `civicloop_t_${label.replace(/\W/g, '_').slice(0, 20)}_${process.pid}_${++counter}`;
  const c = await createConnection({ uri: MYSQL_ROOT });
  await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  return `${MYSQL_ROOT}/${name}`;
}

export async function dropMysqlDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const c = await createConnection({ uri: MYSQL_ROOT });
  await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await c.end();
}

/**
 * A migrated database for one suite, cloned from a template. Running the migrations takes 10-20 s
 * per database on MariaDB (their ALTERs copy tables); copying the finished tables takes about one.
 * The template is built once per set of migrations (its name carries their hash) by whichever
 * suite gets there first, under a MariaDB lock, and `schema-drift` still runs every migration up
 * and down on an empty database.
 */
export async function migratedMysqlDatabase(label: string): Promise<string> {
  const template = await (templateReady ??= buildTemplate());
  const url = await freshMysqlDatabase(label);
  const c = await createConnection({ uri: url, multipleStatements: true });
  try {
    await c.query(['SET FOREIGN_KEY_CHECKS = 0', ...template.ddl, ...template.tablesWithRows.map((t) => `INSERT INTO \`${t}\` SELECT * FROM \`${template.name}\`.\`${t}\``)].join(';\n'));
  } finally {
    await c.end();
  }
  return url;
}

interface Template { name: string; ddl: string[]; tablesWithRows: string[] }
let templateReady: Promise<Template> | undefined;

async function buildTemplate(): Promise<Template> {
  const dir = fileURLToPath(new URL('../../migrations/', import.meta.url));
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) hash.update(f).update(readFileSync(dir + f));
  const name = `civicloop_tpl_${hash.digest('hex').slice(0, 12)}`;
  const c = await createConnection({ uri: MYSQL_ROOT });
  try {
    // Several jest workers start at once; one builds, the others wait and then reuse it.
    await c.query(`SELECT GET_LOCK('civicloop_test_template', 600)`);
    const [done] = await c.query<any[]>(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = 'migrations'`, [name]);
    const complete = done[0].n > 0 && (await c.query<any[]>(`SELECT COUNT(*) AS n FROM \`${name}\`.migrations`))[0][0].n === MIGRATIONS.length;
    if (!complete) {
      const [stale] = await c.query<any[]>(`SELECT schema_name AS s FROM information_schema.schemata WHERE schema_name LIKE 'civicloop\\_tpl\\_%'`);
      for (const { s } of stale) await c.query(`DROP DATABASE \`${s}\``);
      await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      const ds = new DataSource({ ...dataSourceOptions({ database: { type: 'mariadb', url: `${MYSQL_ROOT}/${name}`, poolSize: 2 } }), migrationsTransactionMode: 'each' });
      await ds.initialize();
      try {
        await ds.runMigrations();
      } finally {
        await ds.destroy();
      }
    }
    const [tables] = await c.query<any[]>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name`, [name]);
    const ddl: string[] = [];
    const tablesWithRows: string[] = [];
    for (const { t } of tables) {
      const [[created]] = await c.query<any[]>(`SHOW CREATE TABLE \`${name}\`.\`${t}\``);
      ddl.push(created['Create Table']);
      const [[{ n }]] = await c.query<any[]>(`SELECT COUNT(*) AS n FROM \`${name}\`.\`${t}\``);
      if (n > 0) tablesWithRows.push(t);
    }
    return { name, ddl, tablesWithRows };
  } finally {
    await c.query(`SELECT RELEASE_LOCK('civicloop_test_template')`).catch(() => {});
    await c.end();
  }
}

/**
 * The `database` part of AppConfig for a fresh test database: migrated, unless `empty` (for the
 * tests of the migrations themselves).
 */
export async function testDatabase(label: string, options: { empty?: boolean } = {}): Promise<{ database: { type: 'sqlite'; path: string } | { type: 'mariadb'; url: string; poolSize: number }; cleanup: () => Promise<void> } | null> {
  if (TEST_DB === 'sqlite') return { database: { type: 'sqlite', path: ':memory:' }, cleanup: async () => {} };
  if (!(await mysqlAvailable())) return null;
  const url = options.empty ? await freshMysqlDatabase(label) : await migratedMysqlDatabase(label);
  return { database: { type: 'mariadb', url, poolSize: 60 }, cleanup: () => dropMysqlDatabase(url) };
}
