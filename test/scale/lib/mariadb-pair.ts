import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { freePort, sleep, waitFor } from '../../faults/lib/services.js';

// A private primary and replicas of MariaDB on loopback: binary log and GTID replication, each in
// a temporary directory of its own. The machine's server on 3306 (no binary log) is left alone.

const MARIADBD = process.env.MARIADBD ?? '/usr/sbin/mariadbd';

export class MariaDbNode {
  private child: ChildProcess | null = null;
  constructor(
    readonly dir: string,
    readonly port: number,
    readonly serverId: number,
  ) {}

  url(database?: string): string {
    return `mysql://root@127.0.0.1:${this.port}${database ? `/${database}` : ''}`;
  }

  install(): void {
    mkdirSync(this.dir, { recursive: true });
    const r = spawnSync('mariadb-install-db', ['--no-defaults', `--datadir=${join(this.dir, 'data')}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mariadb-install-db failed: ${r.stderr || r.stdout}`);
  }

  async launch(): Promise<void> {
    this.child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        '--user=root',
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=64M',
        '--max-connections=300',
        `--server-id=${this.serverId}`,
        `--log-bin=${join(this.dir, 'data', 'binlog')}`,
        '--binlog-format=ROW',
        '--log-slave-updates',
        '--gtid-strict-mode=1',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        `--log-error=${join(this.dir, 'error.log')}`,
      ],
      { stdio: 'ignore' },
    );
    await waitFor(`MariaDB ${this.serverId}`, async () => (await this.connect(1000)).end().then(() => true), 60_000);
  }

  connect(connectTimeout = 5000): Promise<Connection> {
    return createConnection({ uri: this.url(), connectTimeout, multipleStatements: true });
  }

  async sql<T = Record<string, unknown>[]>(statement: string, params: unknown[] = []): Promise<T> {
    const c = await this.connect();
    try {
      const [rows] = await c.query(statement, params);
      return rows as T;
    } finally {
      await c.end();
    }
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null;
  }

  kill9(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
}

export class MariaDbPair {
  private constructor(
    readonly primary: MariaDbNode,
    /** GTID replicas of the primary (two: one can lag or die while the other serves). */
    readonly replicas: MariaDbNode[],
    private readonly root: string,
  ) {}

  get replica(): MariaDbNode {
    return this.replicas[0]!;
  }

  /** Installs and starts a primary and `replicaCount` GTID replicas of it. */
  static async start(root: string, replicaCount = 2): Promise<MariaDbPair> {
    const dir = join(root, 'mariadb-pair');
    const primary = new MariaDbNode(join(dir, 'primary'), await freePort(), 1);
    const replicas: MariaDbNode[] = [];
    for (let i = 0; i < replicaCount; i++) replicas.push(new MariaDbNode(join(dir, `replica${i + 1}`), await freePort(), 2 + i));
    for (const node of [primary, ...replicas]) node.install();
    const pair = new MariaDbPair(primary, replicas, dir);
    try {
      await Promise.all([primary, ...replicas].map((n) => n.launch()));
      await Promise.all(
        replicas.map(async (replica) => {
          await replica.sql(
            `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE;`,
          );
          await waitFor('replication', async () => {
            const [s] = await replica.sql('SHOW SLAVE STATUS');
            return s?.Slave_IO_Running === 'Yes' && s?.Slave_SQL_Running === 'Yes';
          }, 30_000);
        }),
      );
    } catch (err) {
      await pair.stop();
      throw err;
    }
    return pair;
  }

  /** A database created on the primary (and replicated to the running replicas); its URLs on each. */
  async createDatabase(name: string, options: { waitForReplica?: boolean } = {}): Promise<{ primary: string; replicas: string[] }> {
    await this.primary.sql(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    if (options.waitForReplica ?? true) await this.caughtUp();
    return { primary: this.primary.url(name), replicas: this.replicas.map((r) => r.url(name)) };
  }

  /** Waits until every running replica applied everything the primary wrote so far. */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const [{ pos }] = await this.primary.sql<{ pos: string }[]>('SELECT @@gtid_binlog_pos AS pos');
    for (const replica of this.replicas.filter((r) => r.running)) {
      await waitFor('replica catching up', async () => {
        const [r] = await replica.sql<{ ok: number }[]>('SELECT MASTER_GTID_WAIT(?, 0.5) = 0 AS ok', [pos]);
        return Number(r?.ok) === 1;
      }, timeoutMs);
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.replicas.map((r) => r.stop()), this.primary.stop()]);
    rmSync(this.root, { recursive: true, force: true });
  }
}
