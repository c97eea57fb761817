import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { JOB_SPECS } from '../../src/jobs/job-types.js';
import { defaultJobsOptions } from '../../src/jobs/jobs.options.js';
import type { BenchEnvironment } from './environment.js';
import { freePort, startNode, stopChild, waitForHttp, type Child } from './processes.js';

/** Built files next to this one (dist/bench/lib → dist/…). */
export function distFile(relativeToDist: string): string {
  return fileURLToPath(new URL(`../../${relativeToDist}`, import.meta.url));
}

export interface Target {
  name: 'api' | 'raw' | 'hello';
  child: Child;
  baseUrl: string;
}

/**
 * The production-mode api, as the Dockerfile runs it, on a free loopback port. With a profile
 * directory it preloads bench/lib/cpu-profile-hook.js, which `profileWindow` drives.
 */
/**
 * The api runs as the Dockerfile and docker-compose.yml run it in production: with a bounded old
 * space (without it V8 let the heap reach ~460 MB of mostly garbage under the paced runs).
 */
export const PRODUCTION_API_NODE_ARGS = ['--max-old-space-size=192'] as const;

export async function startApi(env: BenchEnvironment, options: { profileDir?: string; env?: Record<string, string>; name?: string } = {}): Promise<Target> {
  const port = await freePort();
  const nodeArgs: string[] = [...PRODUCTION_API_NODE_ARGS];
  const extraEnv: Record<string, string> = { ...options.env };
  if (options.profileDir) {
    mkdirSync(options.profileDir, { recursive: true });
    nodeArgs.push('--import', pathToFileURL(distFile('bench/lib/cpu-profile-hook.js')).href);
    extraEnv.BENCH_PROFILE_CONTROL = join(options.profileDir, 'control');
  }
  const child = startNode(options.name ?? 'api', distFile('src/main.js'), { env: { ...env.childEnv, ...extraEnv, PORT: String(port) }, outDir: env.outDir, nodeArgs });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(child, `${baseUrl}/health`);
  return { name: 'api', child, baseUrl };
}

/** CPU-profiles the api during `work` (when started with a profile directory) into `<label>.cpuprofile`. */
export async function profileWindow<T>(api: Target, profileDir: string | undefined, label: string, work: () => Promise<T>): Promise<T> {
  if (!profileDir) return work();
  const control = join(profileDir, 'control');
  const command = async (text: string) => {
    writeFileSync(control, text);
    for (let i = 0; i < 100; i++) {
      if (existsSync(`${control}.ack`) && readFileSync(`${control}.ack`, 'utf8') === text) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await command('start');
  try {
    return await work();
  } finally {
    await command(`stop ${label}`);
  }
}

/**
 * The worker (`npm run worker`) when the build has one, ready once its BullMQ workers are
 * registered in Redis. One that exits or never registers is reported (with the first error
 * line of its log) and stopped, and the run goes on without it.
 */
export async function startWorker(env: BenchEnvironment): Promise<{ child: Child | null; note: string }> {
  const script = distFile('src/worker.js');
  if (!existsSync(script)) return { child: null, note: 'no worker in this build (dist/src/worker.js)' };
  // Port 0: the worker's health/metrics server must not collide with anything else on the host.
  const child = startNode('worker', script, { env: { ...env.childEnv, WORKER_PORT: '0' }, outDir: env.outDir });
  const queue = new Queue(JOB_SPECS['reminder.sign-due'].queue, { connection: { url: env.redisUrl }, prefix: defaultJobsOptions(env.config).prefix });
  let exitCode: number | null | undefined;
  void child.exited.then((code) => (exitCode = code));
  try {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && exitCode === undefined; ) {
      if ((await queue.getWorkersCount()) > 0) return { child, note: 'worker running' };
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await queue.close();
  }
  await stopChild(child);
  const log = existsSync(child.logFile) ? readFileSync(child.logFile, 'utf8') : '';
  const first = log.split('\n').find((l) => /error|exception/i.test(l)) ?? log.split('\n')[0] ?? '';
  return { child: null, note: `the worker did not start (${first.trim().slice(0, 200) || 'no BullMQ worker registered within 60 s'}); ran without it` };
}

/** The raw baseline: bare Fastify + mysql2 (+ the same Redis rate limits), its own process. */
export async function startRaw(env: BenchEnvironment): Promise<Target> {
  const port = await freePort();
  const child = startNode('raw', distFile('bench/raw/raw-server.js'), { env: { ...env.childEnv, PORT: String(port) }, outDir: env.outDir });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(child, `${baseUrl}/health`);
  return { name: 'raw', child, baseUrl };
}

/** The ceiling: a plain Fastify hello server (bench/raw/hello-server.ts), its own process. */
export async function startHello(env: BenchEnvironment): Promise<Target> {
  const port = await freePort();
  const child = startNode('hello', distFile('bench/raw/hello-server.js'), { env: { ...env.childEnv, PORT: String(port) }, outDir: env.outDir });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(child, `${baseUrl}/health`);
  return { name: 'hello', child, baseUrl };
}

export async function stopTargets(...children: (Child | null | undefined)[]): Promise<void> {
  for (const c of children) if (c) await stopChild(c);
}

export function outPath(env: BenchEnvironment, name: string): string {
  return join(env.outDir, name);
}
