import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { freePort } from './redis-server.js';

// A private MariaDB on loopback, for faults that kill it: the shared one other suites use is
// never touched. It lives in a temporary directory and `stop()` removes it. (A private Redis:
// ./redis-server.ts.)

const MARIADBD = process.env.MARIADBD ?? '/usr/sbin/mariadbd';

export { freePort };

export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A MariaDB server of our own: `kill9()` is a crash (kill -9), `restart()` starts it on the same data. */
export class PrivateMariaDb {
  private child: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(root: string): Promise<PrivateMariaDb> {
    const dir = join(root, 'mariadb');
    mkdirSync(dir, { recursive: true });
    const install = spawnSync('mariadb-install-db', ['--no-defaults', `--datadir=${join(dir, 'data')}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
    const db = new PrivateMariaDb(dir, await freePort());
    await db.launch();
    return db;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  url(database?: string): string {
    return `mysql://root@127.0.0.1:${this.port}${database ? `/${database}` : ''}`;
  }

  async createDatabase(name: string): Promise<string> {
    const c = await createConnection({ uri: this.url() });
    await c.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
    return this.url(name);
  }

  private async launch(): Promise<void> {
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
        '--innodb-buffer-pool-size=128M',
        '--max-connections=500',
        `--log-error=${join(this.dir, 'error.log')}`,
      ],
      { stdio: 'ignore' },
    );
    await waitFor('MariaDB', () => this.ping(), 60_000);
  }

  async ping(): Promise<boolean> {
    const c = await createConnection({ uri: this.url(), connectTimeout: 1000 });
    await c.end();
    return true;
  }

  /** kill -9: no shutdown, no flush beyond what InnoDB already made durable. */
  kill9(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  async restart(): Promise<void> {
    await this.launch();
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
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A TCP relay in front of a server: `cut()` makes the server unreachable for whoever connects
 * through it (open connections dropped, new ones refused) while the server keeps its data.
 */
export class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private constructor(
    readonly port: number,
    private readonly target: number,
  ) {}

  static async start(target: number): Promise<CuttableProxy> {
    const p = new CuttableProxy(await freePort(), target);
    await p.open();
    return p;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.cut();
  }
}

/** Every key and value in a Redis, as text, for the personal-data scan. */
export async function redisDump(url: string, pattern = '*'): Promise<string[]> {
  const c = new Redis(url, { maxRetriesPerRequest: 1 });
  const out: string[] = [];
  try {
    for (let cursor = '0'; ; ) {
      const [next, keys] = await c.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      for (const key of keys) {
        out.push(key);
        const type = await c.type(key);
        if (type === 'string') out.push((await c.get(key)) ?? '');
        else if (type === 'hash') out.push(JSON.stringify(await c.hgetall(key)));
        else if (type === 'list') out.push(JSON.stringify(await c.lrange(key, 0, -1)));
        else if (type === 'set') out.push(JSON.stringify(await c.smembers(key)));
        else if (type === 'zset') out.push(JSON.stringify(await c.zrange(key, 0, -1)));
        else if (type === 'stream') out.push(JSON.stringify(await c.xrange(key, '-', '+')));
      }
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    c.disconnect();
  }
  return out;
}
