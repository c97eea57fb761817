import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { benchConnection, type BenchEnvironment } from '../lib/environment.js';
import { memoryOf } from '../lib/processes.js';
import { captureStatements, requestStatements, threadsOfProcess } from '../lib/sql-capture.js';
import { median } from '../lib/stats.js';
import { distFile } from '../lib/targets.js';
import { round1, round3, type Log } from './http-scenarios.js';

export interface ScoringSummary {
  ours_ms: number;
  raw_ms: number;
  ratio: number;
  peak_rss_mb: number;
}

export interface ScoringDetail {
  quarter: string;
  ours: number[];
  raw: number[];
  statements: number;
}

/**
 * One quarter's award round. Ours: the AwardsService in a worker-shaped process
 * (bench/scoring-child.ts), timed around `compute()`; its peak RSS is read from /proc.
 * Raw: the statements that same computation sent (captured from the general log on a
 * warm-up round, transaction included) replayed verbatim through one mysql2 connection —
 * the same aggregates and writes, without the service, TypeORM or the JavaScript scoring.
 */
export async function scoringScenario(env: BenchEnvironment, quarter: string, rounds: number, log: Log): Promise<{ summary: ScoringSummary; detail: ScoringDetail }> {
  const logFile = createWriteStream(join(env.outDir, 'scoring-child.log'));
  const child = spawn(process.execPath, [distFile('bench/scoring-child.js')], {
    env: { PATH: process.env.PATH ?? '', ...env.childEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.pipe(logFile);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  // The child's replies are the lines marked `scoringReply`; its log lines share stdout and go to the log file.
  const nextReply = async (): Promise<Record<string, unknown>> => {
    for (;;) {
      const next = await Promise.race([lines.next(), exited.then(() => ({ done: true, value: undefined }))]);
      if (next.done || next.value === undefined) throw new Error(`the scoring process ended early; see ${join(env.outDir, 'scoring-child.log')}`);
      const line = next.value as string;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = null;
      }
      const value = (parsed as { scoringReply?: Record<string, unknown> } | null)?.scoringReply;
      if (value) return value;
      logFile.write(`${line}\n`);
    }
  };
  const compute = async (): Promise<number> => {
    child.stdin.write(`compute ${quarter}\n`);
    const reply = await nextReply();
    if (typeof reply.ms !== 'number') throw new Error(`scoring failed: ${String(reply.error)}`);
    return reply.ms;
  };
  try {
    await nextReply(); // ready
    await compute(); // creates the round and warms the buffer pool
    let captured: string[] = [];
    const warm = await captureStatements(
      async () => void (await compute()),
      (admin) => threadsOfProcess(admin, child.pid!),
    ).then((st) => requestStatements(st));
    captured = warm.map((s) => s.sql);
    if (!captured.length) throw new Error('no statements captured from the scoring process');
    log(`    captured ${captured.length} statements of one computation (quarter ${quarter})`);

    const replay = await benchConnection(env);
    const ours: number[] = [];
    const raw: number[] = [];
    try {
      const rawOnce = async () => {
        const started = performance.now();
        for (const sql of captured) await replay.query(sql);
        return performance.now() - started;
      };
      for (let r = 0; r < rounds; r++) {
        for (const side of r % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours']) {
          const ms = side === 'ours' ? await compute() : await rawOnce();
          (side === 'ours' ? ours : raw).push(ms);
          log(`    scoring round ${r + 1} ${side === 'ours' ? 'ours' : 'raw '}: ${ms.toFixed(0)} ms`);
        }
      }
    } finally {
      await replay.end();
    }
    const peak = memoryOf(child.pid!).peakRssMb;
    const oursMs = median(ours);
    const rawMs = median(raw);
    return {
      summary: { ours_ms: round1(oursMs), raw_ms: round1(rawMs), ratio: round3(oursMs / rawMs), peak_rss_mb: round1(peak) },
      detail: { quarter, ours, raw, statements: captured.length },
    };
  } finally {
    child.stdin.end('exit\n');
    const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    if (done === 'timeout') child.kill('SIGKILL');
    logFile.end();
  }
}
