import { createConnection } from 'mysql2/promise';

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

/** The `database` part of AppConfig for a fresh test database. */
export async function testDatabase(label: string): Promise<{ database: { type: 'sqlite'; path: string } | { type: 'mariadb'; url: string; poolSize: number }; cleanup: () => Promise<void> } | null> {
  if (TEST_DB === 'sqlite') return { database: { type: 'sqlite', path: ':memory:' }, cleanup: async () => {} };
  if (!(await mysqlAvailable())) return null;
  const url = await freshMysqlDatabase(label);
  return { database: { type: 'mariadb', url, poolSize: 60 }, cleanup: () => dropMysqlDatabase(url) };
}
