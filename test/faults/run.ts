// `npm run test:faults [-- --quick] [-- --json FILE] [-- --only a,b]`: the figures of issue 8,
// measured on loopback with private MariaDB and Redis instances (the shared services are left
// alone), bounded in size and time; every scenario stops by itself.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PiiScanner } from '../security/lib/scanners.js';
import type { FaultContext } from './lib/context.js';
import { exitWith, finishRun, parseRunnerArgs, runScenarios, type Scenario, type ScenarioRun } from './lib/scenario-runner.js';
import { PrivateMariaDb } from './lib/services.js';
import { authzScenario, fuzzScenario } from './scenarios/security.js';
import { concurrencyScenario } from './scenarios/concurrency.js';
import { dbKillScenario } from './scenarios/db-kill.js';
import { redisRestartScenario } from './scenarios/redis-restart.js';
import { redisOutageScenario } from './scenarios/redis-outage.js';
import { workerKillScenario } from './scenarios/worker-kill.js';

/** In the order they run; the keys are the JSON's (issue 8 §7). */
const SCENARIOS: [key: string, run: Scenario<FaultContext>][] = [
  ['authz', authzScenario],
  ['fuzz', fuzzScenario],
  ['concurrency', concurrencyScenario],
  ['db_kill', dbKillScenario],
  ['redis_restart', redisRestartScenario],
  ['redis_outage', redisOutageScenario],
  ['worker_kill', workerKillScenario],
];

async function main(): Promise<number> {
  const args = parseRunnerArgs(process.argv.slice(2));
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
  // A failure to clean up must not leave a private server behind.
  const cleanup = async () => {
    if (mariadb) await (await mariadb.catch(() => null))?.stop();
    rmSync(root, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  let run: ScenarioRun = { figures: {}, failed: [] };
  try {
    run = await runScenarios(SCENARIOS, ctx, args);
    const { figures, failed } = run;
    figures.pii = { hits: ctx.pii.hits };
    for (const f of ctx.pii.findings) ctx.log(`personal data: ${f.kind} in ${f.source}: …${f.excerpt}…`);
    process.stdout.write(`pii: ${JSON.stringify(figures.pii)} ${ctx.pii.hits === 0 ? 'ok' : 'FAILED'}\n`);
    if (ctx.pii.hits) failed.push('pii');
  } finally {
    await cleanup();
  }
  return finishRun(args, run, started);
}

exitWith(main);
