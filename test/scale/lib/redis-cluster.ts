import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, sleep, waitFor } from '../../faults/lib/services.js';

// A private Redis Cluster of `redis-server` processes on loopback (3 masters, 3 replicas by
// default), nothing kept on disk. `killMasterOf(key)` SIGKILLs the master serving a key's slot.

export interface ClusterNode {
  port: number;
  child: ChildProcess | null;
}

export class PrivateRedisCluster {
  private constructor(
    readonly nodes: ClusterNode[],
    private readonly dir: string,
    readonly nodeTimeoutMs: number,
  ) {}

  /** host:port list for REDIS_CLUSTER_NODES. */
  get seeds(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  static async start(root: string, options: { masters?: number; nodeTimeoutMs?: number } = {}): Promise<PrivateRedisCluster> {
    const masters = options.masters ?? 3;
    const nodeTimeoutMs = options.nodeTimeoutMs ?? 2000;
    const dir = join(root, 'redis-cluster');
    mkdirSync(dir, { recursive: true });
    const nodes: ClusterNode[] = [];
    for (let i = 0; i < masters * 2; i++) nodes.push({ port: await freePort(), child: null });
    const cluster = new PrivateRedisCluster(nodes, dir, nodeTimeoutMs);
    try {
      for (const n of nodes) cluster.launch(n);
      for (const n of nodes) await waitFor(`redis ${n.port}`, () => ping(n.port), 10_000);
      const create = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes'], { encoding: 'utf8', timeout: 60_000 });
      if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}\n${create.stderr}`);
      await waitFor('cluster state ok', async () => (await Promise.all(nodes.map((n) => clusterState(n.port)))).every((s) => s === 'ok'), 30_000);
      // Every replica attached to its master (a failover needs one).
      await waitFor('replicas in sync', async () => (await cluster.roles()).filter((r) => r.role === 'slave' && r.linkUp).length === masters, 30_000);
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  private launch(n: ClusterNode): void {
    n.child = spawn(
      'redis-server',
      ['--port', String(n.port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(this.dir, `nodes-${n.port}.conf`), '--cluster-node-timeout', String(this.nodeTimeoutMs), '--save', '', '--appendonly', 'no', '--dir', this.dir, '--loglevel', 'warning'],
      { stdio: 'ignore' },
    );
  }

  async roles(): Promise<{ port: number; role: string; linkUp: boolean }[]> {
    return Promise.all(
      this.nodes.filter((n) => n.child).map(async (n) => {
        const info = await redisInfo(n.port, 'replication').catch(() => '');
        return { port: n.port, role: /role:(\w+)/.exec(info)?.[1] ?? 'down', linkUp: /master_link_status:up/.test(info) };
      }),
    );
  }

  /** The port of the master that serves `key`'s hash slot. */
  async masterOf(key: string): Promise<number> {
    const c = new Redis(this.nodes.find((n) => n.child)!.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const slot = (await c.call('CLUSTER', 'KEYSLOT', key)) as number;
      const shards = (await c.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, string]][];
      const shard = shards.find(([from, to]) => slot >= from && slot <= to);
      if (!shard) throw new Error(`no master serves slot ${slot}`);
      return shard[2][1];
    } finally {
      c.disconnect();
    }
  }

  /** SIGKILL of the master serving `key`; returns its port. */
  async killMasterOf(key: string): Promise<number> {
    const port = await this.masterOf(key);
    const node = this.nodes.find((n) => n.port === port)!;
    node.child?.kill('SIGKILL');
    node.child = null;
    return port;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (n) => {
        const c = n.child;
        n.child = null;
        if (!c || c.exitCode !== null) return;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGKILL');
        await Promise.race([exited, sleep(5000)]);
      }),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function ping(port: number): Promise<boolean> {
  const c = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return (await c.ping()) === 'PONG';
  } finally {
    c.disconnect();
  }
}

async function redisInfo(port: number, section: string): Promise<string> {
  const c = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, connectTimeout: 1000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return await c.info(section);
  } finally {
    c.disconnect();
  }
}

async function clusterState(port: number): Promise<string> {
  const c = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  c.on('error', () => undefined);
  try {
    await c.connect();
    const info = (await c.call('CLUSTER', 'INFO')) as string;
    return /cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown';
  } catch {
    return 'down';
  } finally {
    c.disconnect();
  }
}
