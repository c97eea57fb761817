import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child process the benchmark started; every one is stopped on exit, by its own pid. */
export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<number | null>;
}

const running = new Set<Child>();

function stopAllNow(): void {
  for (const child of running) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.once('exit', stopAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAllNow();
    process.exit(130);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node [nodeArgs] script` with its output in `outDir/name.log`. */
export function startNode(name: string, script: string, options: { env: Record<string, string>; outDir: string; nodeArgs?: string[] }): Child {
  if (!existsSync(script)) throw new Error(`${script} does not exist; run npm run build`);
  const logFile = join(options.outDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.pipe(log);
  proc.stderr!.pipe(log);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const child: Child = { name, process: proc, pid: proc.pid!, logFile, exited };
  running.add(child);
  void exited.then(() => running.delete(child));
  return child;
}

/** Waits until GET url answers 200, or fails with the tail of the child's log. */
export async function waitForHttp(child: Child, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) break;
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  const tail = existsSync(child.logFile) ? readFileSync(child.logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
  throw new Error(`${child.name} did not become ready at ${url}${exitCode !== undefined ? ` (exited with ${exitCode})` : ''}:\n${tail}`);
}

/** SIGTERM (graceful shutdown, which also writes a --cpu-prof profile), then SIGKILL. */
export async function stopChild(child: Child, graceMs = 15_000): Promise<void> {
  if (!running.has(child)) return;
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const done = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    await child.exited;
  }
}

/** Resident set size now and its peak (VmHWM), in MB, from /proc. */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** Runs a script to completion and returns its stdout (the child prints one JSON line last). */
export async function runNodeScript(name: string, script: string, options: { env: Record<string, string>; outDir: string; args?: string[] }): Promise<string> {
  const logFile = join(options.outDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const proc = spawn(process.execPath, [script, ...(options.args ?? [])], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child: Child = { name, process: proc, pid: proc.pid!, logFile, exited: new Promise((r) => proc.once('exit', (c) => r(c))) };
  running.add(child);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.pipe(log);
  const code = await child.exited;
  running.delete(child);
  log.end();
  if (code !== 0) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${name} exited with ${code}:\n${tail}\n${out.slice(-2000)}`);
  }
  return out;
}
