// `npm run test:faults [-- --quick] [-- --json FILE] [-- --only a,b]`: the figures of issue 8,
// measured on loopback with private MariaDB and Redis instances (the shared services are left
// alone), bounded in size and time; every scenario stops by itself.
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PiiScanner } from '../security/lib/scanners.js';
import type { FaultContext, ScenarioResult } from './lib/context.js';
import { PrivateMariaDb } from './lib/services.js';
import { authzScenario, fuzzScenario } from './scenarios/security.js';
import { concurrencyScenario } from './scenarios/concurrency.js';
import { dbKillScenario } from './scenarios/db-kill.js';
import { redisRestartScenario } from './scenarios/redis-restart.js';
import { redisOutageScenario } from './scenarios/redis-outage.js';
import { workerKillScenario } from './scenarios/worker-kill.js';

type Scenario = (ctx: FaultContext) => Promise<ScenarioResult<object>>;

/** In the order they run; the keys are the JSON's (issue 8 §7). */
const SCENARIOS: [key: string, run: Scenario][] = [
  ['authz', authzScenario],
  ['fuzz', fuzzScenario],
  ['concurrency', concurrencyScenario],
  ['db_kill', dbKillScenario],
  ['redis_restart', redisRestartScenario],
  ['redis_outage', redisOutageScenario],
  ['worker_kill', workerKillScenario],
];

function parseArgs(argv: string[]) {
  const args = { quick: false, json: null as string | null, only: null as string[] | null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--json') args.json = argv[++i] ?? null;
    else if (a.startsWith('--json=')) args.json = a.slice(7);
    else if (a === '--only') args.only = (argv[++i] ?? '').split(',');
    else throw new Error(`unknown argument ${a} (use --quick, --json FILE, --only a,b)`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'civicloop-faults-'));
  let mariadb: Promise<PrivateMariaDb> | null = null;
  const started = Date.now();
  const ctx: FaultContext = {
    quick: args.quick,
    root,
    mariadb: () => (mariadb ??= PrivateMariaDb.start(root)),
    pii: new PiiScanner(),
    log: (line) => process.stdout.write(`  ${line}\n`),
  };
  const figures: Record<string, object> = {};
  const failed: string[] = [];
  // A failure to clean up must not leave a private server behind.
  const cleanup = async () => {
    if (mariadb) await (await mariadb.catch(() => null))?.stop();
    rmSync(root, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    for (const [key, run] of SCENARIOS) {
      if (args.only && !args.only.includes(key)) continue;
      const t0 = Date.now();
      process.stdout.write(`== ${key}${args.quick ? ' (quick)' : ''}\n`);
      try {
        const result = await run(ctx);
        figures[key] = result.figures;
        for (const n of result.notes) ctx.log(n);
        process.stdout.write(`${key}: ${JSON.stringify(result.figures)} ${result.ok ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
        if (!result.ok) failed.push(key);
      } catch (err) {
        failed.push(key);
        process.stdout.write(`${key}: FAILED to run: ${err instanceof Error ? err.stack : String(err)}\n`);
      }
    }
    figures.pii = { hits: ctx.pii.hits };
    for (const f of ctx.pii.findings) ctx.log(`personal data: ${f.kind} in ${f.source}: …${f.excerpt}…`);
    process.stdout.write(`pii: ${JSON.stringify(figures.pii)} ${ctx.pii.hits === 0 ? 'ok' : 'FAILED'}\n`);
    if (ctx.pii.hits) failed.push('pii');
  } finally {
    await cleanup();
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(figures, null, 2) + '\n');
  process.stdout.write(`\n${failed.length ? `FAILED: ${failed.join(', ')}` : 'all figures within their bounds'} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
