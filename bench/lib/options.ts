// Command line of `npm run bench`: the size of the run and where its results go.

export const SCENARIOS = ['submit', 'feed', 'inbox', 'public_feed_cached', 'paced', 'scoring', 'reminders'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Write the results as JSON here (`--json FILE`). */
  jsonFile: string | null;
  /** A previous run's `--json` file: each ratio is compared with it (`--compare FILE`). */
  compareFile: string | null;
  /** Rewrite the results section of docs/benchmarks.md and the chart (default on a full run). */
  writeDocs: boolean;
  /** Start the api child with `--cpu-prof` and keep the profiles (`--profile`). */
  profile: boolean;
  /** Keep the benchmark database afterwards (`--keep-db`). */
  keepDatabase: boolean;
  /** Run only these scenarios (`--only submit,feed`). */
  only: ReadonlySet<ScenarioName>;
  rounds: number;
  /** Seconds per throughput run, per side and round. */
  durationS: number;
  warmupS: number;
  connections: number;
  pacedRate: number;
  pacedDurationS: number;
  /** An open-loop request unanswered after this counts as an error (at this latency). */
  pacedTimeoutMs: number;
  data: DataSize;
  reminders: number;
}

export interface DataSize {
  suggestions: number;
  units: number;
  residents: number;
  quarters: number;
  evaluators: number;
  /** Also load every suggestion's timeline (about five rows each; off by default to keep the load under two minutes). */
  timeline: boolean;
}

const FULL = {
  rounds: 3,
  durationS: 10,
  warmupS: 3,
  pacedDurationS: 10,
  pacedTimeoutMs: 10_000,
  data: { suggestions: 1_000_000, units: 100, residents: 50_000, quarters: 8, evaluators: 20, timeline: false },
  reminders: 100_000,
};

// Small enough that a run (after the build) stays under five minutes on two shared cores.
const QUICK = {
  rounds: 3,
  // Long enough for a few dozen requests per connection even where p99 reaches seconds: at 3 s
  // a loaded machine finished some rounds with no response at all.
  durationS: 8,
  warmupS: 2,
  pacedDurationS: 3,
  pacedTimeoutMs: 5_000,
  data: { suggestions: 50_000, units: 100, residents: 10_000, quarters: 8, evaluators: 20, timeline: false },
  reminders: 10_000,
};

export function parseOptions(argv: readonly string[]): BenchOptions {
  const args = [...argv];
  let quick = false;
  let jsonFile: string | null = null;
  let compareFile: string | null = null;
  let docs: boolean | null = null;
  let profile = false;
  let keepDatabase = false;
  let timeline = false;
  let only: ScenarioName[] = [...SCENARIOS];
  const overrides: Partial<Record<'rounds' | 'duration' | 'suggestions' | 'reminders', number>> = {};
  while (args.length) {
    const arg = args.shift()!;
    const value = () => {
      const v = args.shift();
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--quick':
        quick = true;
        break;
      case '--json':
        jsonFile = value();
        break;
      case '--compare':
        compareFile = value();
        break;
      case '--docs':
        docs = true;
        break;
      case '--no-docs':
        docs = false;
        break;
      case '--profile':
        profile = true;
        break;
      case '--keep-db':
        keepDatabase = true;
        break;
      case '--with-timeline':
        timeline = true;
        break;
      case '--only':
        only = value().split(',').map((s) => {
          if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`--only: unknown scenario ${s} (one of ${SCENARIOS.join(', ')})`);
          return s as ScenarioName;
        });
        break;
      case '--rounds':
      case '--duration':
      case '--suggestions':
      case '--reminders': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} must be a positive integer`);
        overrides[arg.slice(2) as keyof typeof overrides] = n;
        break;
      }
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${HELP}`);
    }
  }
  const profileSize = quick ? QUICK : FULL;
  return {
    quick,
    jsonFile,
    compareFile,
    writeDocs: docs ?? !quick,
    profile,
    keepDatabase,
    only: new Set(only),
    rounds: overrides.rounds ?? profileSize.rounds,
    durationS: overrides.duration ?? profileSize.durationS,
    warmupS: profileSize.warmupS,
    connections: 50,
    pacedRate: 300,
    pacedDurationS: overrides.duration ?? profileSize.pacedDurationS,
    pacedTimeoutMs: profileSize.pacedTimeoutMs,
    data: { ...profileSize.data, suggestions: overrides.suggestions ?? profileSize.data.suggestions, timeline },
    reminders: overrides.reminders ?? profileSize.reminders,
  };
}

export const HELP = `Usage: npm run bench -- [options]
  --quick            50,000 suggestions and 8-second runs (about 8 minutes with the build)
  --json FILE        write the results as JSON
  --compare FILE     compare each ratio with an earlier run's --json FILE (do two runs agree within ±0.1?);
                     without it, the latest earlier run of the same size under bench/results/ is compared
  --docs | --no-docs rewrite docs/benchmarks.md and docs/benchmarks.svg (default: on for a full run)
  --profile          start the api with --cpu-prof; profiles are kept under bench-results/
  --keep-db          keep the civicloop_bench database afterwards
  --with-timeline    also load each generated suggestion's timeline (about 5 rows each; slower load)
  --only LIST        comma-separated scenarios: ${SCENARIOS.join(',')}
  --rounds N, --duration S, --suggestions N, --reminders N   override the run size
Environment: BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306), BENCH_REDIS_URL (default redis://127.0.0.1:6379/11)
`;
