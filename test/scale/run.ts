// `npm run test:scale [-- --quick] [-- --json FILE] [-- --only a,b]`: the figures of issue 17,
// measured on loopback with private servers it starts and stops itself (a MariaDB primary and
// replica, a Redis Cluster, a Redis); the machine's shared MariaDB and Redis are left alone.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScaleContext } from './lib/context.js';
import { exitWith, finishRun, parseRunnerArgs, runScenarios, type Scenario, type ScenarioRun } from '../faults/lib/scenario-runner.js';
import { MariaDbPair } from './lib/mariadb-pair.js';
import { replicaScenario } from './scenarios/replica.js';
import { redisClusterScenario } from './scenarios/redis-cluster.js';
import { instancesScenario } from './scenarios/instances.js';

/** In the order they run; the keys are the JSON's (issue 17 §4). */
const SCENARIOS: [key: string, run: Scenario<ScaleContext>][] = [
  ['replica', replicaScenario],
  ['redis_cluster', redisClusterScenario],
  ['instances', instancesScenario],
];

async function main(): Promise<number> {
  const args = parseRunnerArgs(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'civicloop-scale-'));
  let pair: Promise<MariaDbPair> | null = null;
  const started = Date.now();
  const ctx: ScaleContext = {
    quick: args.quick,
    root,
    mariadbPair: () => (pair ??= MariaDbPair.start(root)),
    log: (line) => process.stdout.write(`  ${line}\n`),
  };
  const cleanup = async () => {
    if (pair) await (await pair.catch(() => null))?.stop();
    rmSync(root, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  let run: ScenarioRun = { figures: {}, failed: [] };
  try {
    run = await runScenarios(SCENARIOS, ctx, args, { withSeconds: true });
  } finally {
    await cleanup();
  }
  return finishRun(args, run, started);
}

exitWith(main);
