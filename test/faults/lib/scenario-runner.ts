// The command line and the loop shared by `npm run test:faults` and `npm run test:scale`: scenarios
// run in order, each prints one line of figures, a failure or a throw marks it failed and the run
// goes on; the figures go to --json FILE; the exit code says whether every bound held.
import { writeFileSync } from 'node:fs';

export interface ScenarioResult<F> {
  figures: F;
  /** Every bound the issue sets holds. */
  ok: boolean;
  /** Lines worth printing (what was measured besides the figures). */
  notes: string[];
}

export interface RunnerArgs {
  quick: boolean;
  json: string | null;
  only: string[] | null;
}

export function parseRunnerArgs(argv: string[]): RunnerArgs {
  const args: RunnerArgs = { quick: false, json: null, only: null };
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

export type Scenario<C> = (ctx: C) => Promise<ScenarioResult<object>>;

export interface ScenarioRun {
  figures: Record<string, object>;
  failed: string[];
}

/** Runs the chosen scenarios in order; `withSeconds` adds each one's duration to its figures. */
export async function runScenarios<C extends { log(line: string): void }>(
  scenarios: readonly [key: string, run: Scenario<C>][],
  ctx: C,
  args: RunnerArgs,
  options: { withSeconds?: boolean } = {},
): Promise<ScenarioRun> {
  const figures: Record<string, object> = {};
  const failed: string[] = [];
  for (const [key, run] of scenarios) {
    if (args.only && !args.only.includes(key)) continue;
    const t0 = Date.now();
    process.stdout.write(`== ${key}${args.quick ? ' (quick)' : ''}\n`);
    try {
      const result = await run(ctx);
      figures[key] = options.withSeconds ? { ...result.figures, seconds: Math.round((Date.now() - t0) / 1000) } : result.figures;
      for (const n of result.notes) ctx.log(n);
      process.stdout.write(`${key}: ${JSON.stringify(result.figures)} ${result.ok ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
      if (!result.ok) failed.push(key);
    } catch (err) {
      failed.push(key);
      process.stdout.write(`${key}: FAILED to run: ${err instanceof Error ? err.stack : String(err)}\n`);
    }
  }
  return { figures, failed };
}

/** Writes the figures, prints the verdict and returns the exit code. */
export function finishRun(args: RunnerArgs, run: ScenarioRun, startedAt: number): number {
  if (args.json) writeFileSync(args.json, JSON.stringify(run.figures, null, 2) + '\n');
  process.stdout.write(`\n${run.failed.length ? `FAILED: ${run.failed.join(', ')}` : 'all figures within their bounds'} (${((Date.now() - startedAt) / 1000).toFixed(0)} s)\n`);
  return run.failed.length ? 1 : 0;
}

/** The process exit of a runner's main(). */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}
