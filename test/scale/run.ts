// `npm run test:scale [-- --quick] [-- --json FILE] [-- --only a,b]`: the figures of issue 17,
// measured on loopback with private servers it starts and stops itself (a MariaDB primary and
// replica, a Redis Cluster, a Redis); the machine's shared MariaDB and Redis are left alone.
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScaleContext, ScenarioResult } from './lib/context.js';
import { MariaDbPair } from './lib/mariadb-pair.js';
import { replicaScenario } from './scenarios/replica.js';
import { redisClusterScenario } from './scenarios/redis-cluster.js';
import { instancesScenario } from './scenarios/instances.js';

type Scenario = (ctx: ScaleContext) => Promise<ScenarioResult<object>>;

/** In the order they run; the keys are the JSON's (issue 17 §4). */
const SCENARIOS: [key: string, run: Scenario][] = [
  ['replica', replicaScenario],
  ['redis_cluster', redisClusterScenario],
  ['instances', instancesScenario],
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
  const root = mkdtempSync(join(tmpdir(), 'civicloop-scale-'));
  let pair: Promise<MariaDbPair> | null = null;
  const started = Date.now();
  const ctx: ScaleContext = {
    quick: args.quick,
    root,
    mariadbPair: () => (pair ??= MariaDbPair.start(root)),
    log: (line) => process.stdout.write(`  ${line}\n`),
  };
  const figures: Record<string, object> = {};
  const failed: string[] = [];
  const cleanup = async () => {
    if (pair) await (await pair.catch(() => null))?.stop();
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
        figures[key] = { ...result.figures, seconds: Math.round((Date.now() - t0) / 1000) };
        for (const n of result.notes) ctx.log(n);
        process.stdout.write(`${key}: ${JSON.stringify(result.figures)} ${result.ok ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
        if (!result.ok) failed.push(key);
      } catch (err) {
        failed.push(key);
        process.stdout.write(`${key}: FAILED to run: ${err instanceof Error ? err.stack : String(err)}\n`);
      }
    }
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
