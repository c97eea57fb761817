// `npm run bench`: the platform against raw baselines measured in the same run (issue 7).
// Creates its own database and Redis database, loads a generated city ledger, starts the
// production-mode api (and worker) and a raw Fastify + mysql2 baseline as child processes,
// runs each scenario alternating ours and raw, and writes the results (JSON, docs, chart).
import 'reflect-metadata';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, type BenchOptions, type ScenarioName } from './lib/options.js';
import { startWebhookSink } from './lib/webhook-sink.js';
import { benchEnvironment, dropDatabase, flushBenchRedis, freshDatabase } from './lib/environment.js';
import { describeMachine, loadAverage } from './lib/machine.js';
import { memoryOf } from './lib/processes.js';
import { profileWindow, startApi, startHello, startRaw, startWorker, stopTargets, type Target } from './lib/targets.js';
import { mintCallers } from './lib/actors.js';
import { settle, throughput } from './lib/load.js';
import { drainJobs } from './lib/drain.js';
import { explainStatements } from './lib/explain.js';
import { compareRatios, median } from './lib/stats.js';
import { generateData } from './data/generate.js';
import { feedWorkload, handlerRotation, helloWorkload, inboxWorkload, submitWorkload, type Workload } from './scenarios/workloads.js';
import { alternatingPaced, alternatingThroughput, checkStatements, round1, type Log } from './scenarios/http-scenarios.js';
import { scoringScenario } from './scenarios/scoring.js';
import { remindersScenario } from './scenarios/reminders.js';
import { publicFeedCachedScenario } from './scenarios/public-cache.js';
import { checkTargets, emptyResults, type BenchJson } from './report/results.js';
import { renderChart } from './report/chart.js';
import { resultsMarkdown, writeResultsIntoDocs } from './report/markdown.js';
import { summarizeProfile } from './report/profile-summary.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log: Log = (line) => process.stdout.write(`${line}\n`);

async function main(options: BenchOptions): Promise<number> {
  const started = Date.now();
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
  const outDir = join(repoRoot, 'bench', 'results', stamp);
  const profileDir = options.profile ? join(outDir, 'profiles') : undefined;
  mkdirSync(outDir, { recursive: true });
  const results = emptyResults();
  const notes: string[] = [];
  const statementChecks: string[] = [];
  const detail: Record<string, unknown> = { options: { ...options, only: [...options.only] } };
  const wants = (s: ScenarioName) => options.only.has(s);

  const sink = await startWebhookSink();
  const env = benchEnvironment(outDir, sink.url);
  const machine = await describeMachine(env.redisUrl);
  machine.push(`load average (1/5/15 min) at the start: ${loadAverage()}`);
  log(`CivicLoop benchmark (${options.quick ? 'quick' : 'full'}), logs in ${relative(process.cwd(), outDir)}`);
  for (const m of machine) log(`  ${m}`);

  let api: Target | undefined;
  let raw: Target | undefined;
  let hello: Target | undefined;
  let worker: Awaited<ReturnType<typeof startWorker>>['child'] = null;
  try {
    log('\n[1/6] database: fresh civicloop_bench, migrations, Redis database flushed');
    await freshDatabase(env);
    await flushBenchRedis(env);

    log(`[2/6] data: ${options.data.suggestions.toLocaleString('en')} suggestions, ${options.data.units} units, ${options.data.residents.toLocaleString('en')} residents, ${options.data.quarters} quarters`);
    const data = await generateData(env, options.data, log);
    detail.data = { rows: data.rows, seconds: data.seconds, scoringQuarter: data.world.scoringQuarter };
    if (data.seconds > 120) notes.push(`the data load took ${data.seconds.toFixed(0)} s (target: under two minutes)`);

    log('[3/6] processes: api (production mode), worker, raw baseline, plain Fastify hello (the ceiling)');
    // The GraphQL path itself: anonymous feed requests would otherwise be answered from the
    // public-read cache, which public_feed_cached measures on instances of its own.
    api = await startApi(env, { profileDir, env: { PUBLIC_CACHE: 'false' } });
    raw = await startRaw(env);
    hello = await startHello(env);
    const w = await startWorker(env);
    worker = w.child;
    log(`  api ${api.baseUrl} (pid ${api.child.pid}), raw ${raw.baseUrl} (pid ${raw.child.pid}), hello ${hello.baseUrl} (pid ${hello.child.pid}); ${w.note}`);
    if (!worker) notes.push(w.note);
    const callers = mintCallers(env.config, data.world);
    log(`  minted tokens for ${callers.residents.length.toLocaleString('en')} residents and ${callers.handlers.length} unit handlers`);

    const handlers = handlerRotation(callers);
    const workloads = {
      submit: submitWorkload(data.world, callers),
      feed: feedWorkload(20),
      inbox: inboxWorkload(callers, 20, handlers),
    };
    const ready = new Map<string, boolean>();

    log('[4/6] SQL: statements per request from the general log; raw baselines checked against them');
    const checks: Record<string, unknown> = {};
    for (const [key, workload] of [
      ['submit', workloads.submit],
      ['feed_20', feedWorkload(20)],
      ['feed_100', feedWorkload(100)],
      ['inbox_20', inboxWorkload(callers, 20, handlers)],
      ['inbox_100', inboxWorkload(callers, 100, handlers)],
    ] as [string, Workload][]) {
      try {
        const c = await checkStatements(workload, api, raw);
        checks[key] = c;
        ready.set(workload.name, true);
        const same = c.differences.length === 0;
        const line = `${key}: ${c.perRequest} statements per request (raw ${c.rawPerRequest}); raw ${same ? 'issues the same statements' : 'DIFFERS from the platform'}`;
        log(`  ${line}`);
        if (!same) log(c.differences.map((d) => `    ${d}`).join('\n'));
        statementChecks.push(same ? line : `${line}: ${c.differences[0]!.replace(/\n\s*/g, ' ')}`);
        if (key in results.sql_per_request) results.sql_per_request[key as keyof BenchJson['sql_per_request']] = c.perRequest;
        if (key !== 'feed_100' && key !== 'inbox_100') {
          try {
            for (const p of await explainStatements(env, key, c.sample, results.plans)) {
              const name = Object.keys(results.plans).find((n) => results.plans[n] === p)!;
              log(
                `    plan ${name}: key ${p.key ?? 'none'}, ${p.rows} rows ${p.analyzed ? 'read' : 'estimated'}${p.filesort ? ', FILESORT' : ''}${p.temporary ? ', TEMPORARY' : ''} (${p.tables.map((t) => `${t.table} ${t.access}`).join('; ')})`,
              );
            }
          } catch (err) {
            notes.push(`${key}: no plans (${firstLine(err)})`);
            log(`    plans failed: ${firstLine(err)}`);
          }
        }
      } catch (err) {
        ready.set(workload.name, ready.get(workload.name) ?? false);
        const msg = `${key}: could not run (${firstLine(err)})`;
        log(`  ${msg}`);
        notes.push(msg);
      }
    }
    detail.statements = checks;

    log(`[5/6] load: ${options.rounds} rounds per side, alternating; ${options.connections} connections for ${options.durationS} s; paced ${options.pacedRate}/s for ${options.pacedDurationS} s`);
    const drain = async (label: string) => {
      const d = await drainJobs(env);
      results.drain_s[label] = round1(d.seconds);
      log(`  worker drained in ${d.seconds.toFixed(1)} s${d.drained ? '' : ` (not drained: ${JSON.stringify(d.pending)})`}`);
      if (!d.drained) notes.push(`${label}: the worker had not drained after ${d.seconds.toFixed(0)} s (${JSON.stringify(d.pending)}); measured anyway`);
    };
    {
      // The ceiling first, on a quiet machine as far as this run goes: a plain Fastify server,
      // the same load generator and connection count as ours and raw.
      await drain('ceiling');
      const helloWork = helloWorkload();
      const runs = [];
      await throughput(hello.baseUrl, helloWork, 'raw', options.connections, options.warmupS);
      for (let r = 0; r < options.rounds; r++) runs.push(await throughput(hello.baseUrl, helloWork, 'raw', options.connections, options.durationS));
      results.ceiling = { rps: round1(median(runs.map((x) => x.rps))), p99_ms: round1(median(runs.map((x) => x.p99Ms))) };
      detail.ceiling = runs;
      log(`  ceiling (plain Fastify hello server): ${runs.map((x) => x.rps.toFixed(0)).join(', ')} req/s → ${results.ceiling.rps} req/s, p99 ${results.ceiling.p99_ms} ms`);
    }
    for (const name of ['submit', 'feed', 'inbox'] as const) {
      if (!wants(name)) continue;
      if (!ready.get(name)) {
        notes.push(`${name}: not measured (the request does not succeed on this build)`);
        continue;
      }
      log(`  ${name}`);
      await drain(name);
      try {
        const r = await profileWindow(api, profileDir, name, () => alternatingThroughput(workloads[name], api!, raw!, options, log, notes));
        results[name] = r.summary;
        detail[name] = r.rounds;
        log(
          `  → ours ${r.summary.ours_rps} req/s, raw ${r.summary.raw_rps} req/s, ratio ${r.summary.ratio} (rounds ${r.summary.round_ratios.join(', ')}; min ${r.summary.ratio_min}, max ${r.summary.ratio_max}, spread ${r.summary.spread})`,
        );
        if (r.summary.spread > 0.2) notes.push(`${name}: the per-round ratios range from ${r.summary.ratio_min} to ${r.summary.ratio_max} (spread ${r.summary.spread}); the median ratio is that uncertain`);
      } catch (err) {
        notes.push(`${name}: failed (${firstLine(err)})`);
        log(`  ${name} failed: ${String(err)}`);
      }
    }
    if (wants('public_feed_cached')) {
      await drain('public_feed_cached');
      log('  public_feed_cached: two api instances with the public-read cache (Redis), feed against raw; staleness of a published reply');
      try {
        const r = await publicFeedCachedScenario(env, raw, callers, options, options.quick ? 20 : 50, log, notes);
        results.public_feed_cached = r.summary;
        detail.public_feed_cached = { throughput: r.throughput, staleness_ms: r.staleness };
        log(
          `  → ours ${r.summary.ours_rps} req/s, raw ${r.summary.raw_rps} req/s, ratio ${r.summary.ratio} (rounds ${r.summary.round_ratios.join(', ')}; spread ${r.summary.spread}), staleness p99 ${r.summary.staleness_p99_ms} ms`,
        );
        if (r.summary.spread > 0.2) notes.push(`public_feed_cached: the per-round ratios range from ${r.summary.ratio_min} to ${r.summary.ratio_max} (spread ${r.summary.spread})`);
      } catch (err) {
        notes.push(`public_feed_cached: failed (${firstLine(err)})`);
        log(`  public_feed_cached failed: ${String(err)}`);
      }
    }
    if (wants('paced')) {
      for (const name of ['submit', 'feed'] as const) {
        if (!ready.get(name)) continue;
        log(`  ${name} at ${options.pacedRate} req/s (open loop)`);
        await drain(`paced_${name}`);
        try {
          const r = await profileWindow(api, profileDir, `paced-${name}`, () => alternatingPaced(workloads[name], api!, raw!, options, log, notes));
          results.paced[name] = r.summary;
          detail[`paced_${name}`] = r.rounds;
        } catch (err) {
          notes.push(`paced ${name}: failed (${firstLine(err)})`);
        }
      }
    }
    if (hello && results.ceiling) {
      // Once more after the HTTP scenarios: the machine's load moves (other work on the server).
      const after = await throughput(hello.baseUrl, helloWorkload(), 'raw', options.connections, options.durationS);
      results.ceiling.rps_after = round1(after.rps);
      detail.ceiling_after = after;
      log(`  ceiling again after the HTTP scenarios: ${after.rps.toFixed(0)} req/s, p99 ${after.p99Ms} ms`);
      await stopTargets(hello.child);
      hello = undefined;
    }
    // "After the load runs": once the api is idle again and has had a few seconds to collect garbage.
    await settle(api.baseUrl);
    await new Promise((r) => setTimeout(r, 5000));
    const afterHttp = memoryOf(api.child.pid);
    log(`  api RSS after the HTTP load: ${afterHttp.rssMb.toFixed(0)} MB (peak ${afterHttp.peakRssMb.toFixed(0)} MB)`);

    log('[6/6] jobs: scoring and reminders');
    if (wants('scoring')) {
      try {
        const s = await scoringScenario(env, data.world.scoringQuarter, options.rounds, log);
        results.scoring = s.summary;
        detail.scoring = s.detail;
        log(`  → ours ${s.summary.ours_ms} ms, raw ${s.summary.raw_ms} ms, ratio ${s.summary.ratio}, peak RSS ${s.summary.peak_rss_mb} MB`);
      } catch (err) {
        notes.push(`scoring: not measured (${firstLine(err)})`);
        log(`  scoring failed: ${String(err)}`);
      }
    }
    if (wants('reminders')) {
      try {
        const r = await profileWindow(api, profileDir, 'reminders', () => remindersScenario(env, data.world, options.reminders, options.rounds, log));
        results.reminders = r.summary;
        detail.reminders = { ours: r.ours, raw: r.raw };
        log(`  → ours ${r.summary.ours_jobs_per_s} jobs/s, raw ${r.summary.raw_jobs_per_s} jobs/s, ratio ${r.summary.ratio}`);
      } catch (err) {
        notes.push(`reminders: not measured (${firstLine(err)})`);
        log(`  reminders failed: ${String(err)}`);
      }
    }
    await settle(api.baseUrl);
    await new Promise((r) => setTimeout(r, 5000));
    const end = memoryOf(api.child.pid);
    results.rss_mb = Math.round(Math.max(afterHttp.rssMb, end.rssMb) * 10) / 10;
    if (end.peakRssMb > 250) notes.push(`the api's peak RSS during the runs was ${end.peakRssMb.toFixed(0)} MB (open-loop overload queues requests in memory)`);
    detail.api_memory = { afterHttp, end };
    log(`  api RSS after all load: ${end.rssMb.toFixed(0)} MB (peak ${end.peakRssMb.toFixed(0)} MB)`);
  } finally {
    await stopTargets(worker, hello?.child, raw?.child, api?.child);
    await sink.close();
    if (!options.keepDatabase) await dropDatabase(env).catch(() => undefined);
  }

  machine.push(`load average (1/5/15 min) at the end: ${loadAverage()}`);
  const checks = checkTargets(results);
  // Run to run: the same ratios from an earlier run (--compare FILE, or else the latest earlier
  // run of the same kind under bench/results/), and whether they agree within ±0.1.
  const previous = options.compareFile ?? previousRunJson(join(repoRoot, 'bench', 'results'), stamp, options);
  if (previous) {
    try {
      const text = JSON.parse(readFileSync(previous, 'utf8')) as { results?: Record<string, unknown> } & Record<string, unknown>;
      const before = text.results && typeof text.results === 'object' ? text.results : text;
      const pairs = compareRatios(before, results as unknown as Record<string, unknown>, ['submit', 'feed', 'inbox', 'public_feed_cached', 'reminders']);
      const where = relative(process.cwd(), previous);
      for (const [key, p] of Object.entries(pairs)) {
        notes.push(`run to run (${key}): ratio ${p.now} now against ${p.before} in ${where}, difference ${p.difference >= 0 ? '+' : ''}${p.difference} (${p.within ? 'within' : '**beyond**'} ±0.1)`);
      }
      detail.run_to_run = { against: where, pairs };
    } catch (err) {
      notes.push(`run to run: could not read ${previous} (${firstLine(err)})`);
    }
  }
  const durationS = (Date.now() - started) / 1000;
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const info = {
    startedAt: new Date(started).toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    durationS,
    command,
    machine,
    data: `${options.data.suggestions.toLocaleString('en')} suggestions over ${options.data.units} units and ${options.data.residents.toLocaleString('en')} residents across ${options.data.quarters} quarters; ${options.rounds} alternating rounds per scenario, medians`,
    notes,
    statementChecks,
  };

  if (profileDir) {
    const summaries: Record<string, string[]> = {};
    for (const label of ['submit', 'feed', 'inbox', 'paced-submit', 'paced-feed', 'reminders']) {
      try {
        summaries[label] = summarizeProfile(join(profileDir, `${label}.cpuprofile`));
      } catch {
        // that scenario did not run
      }
    }
    detail.profiles = summaries;
    writeFileSync(join(outDir, 'profiles.txt'), Object.entries(summaries).map(([k, v]) => `== ${k}\n${v.join('\n')}`).join('\n\n') + '\n');
    log(`\nCPU profiles of the api: ${relative(process.cwd(), profileDir)} (summary in profiles.txt)`);
  }
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ results, targets: checks, info, detail }, null, 2));
  if (options.jsonFile) {
    writeFileSync(options.jsonFile, JSON.stringify(results, null, 2) + '\n');
    log(`\nresults JSON: ${options.jsonFile}`);
  }
  if (options.writeDocs) {
    mkdirSync(join(repoRoot, 'docs'), { recursive: true });
    const chart = join(repoRoot, 'docs', 'benchmarks.svg');
    writeFileSync(chart, renderChart(results, `${info.startedAt} · ${info.data.split(';')[0]} · ${machine[0]}`));
    writeResultsIntoDocs(join(repoRoot, 'docs', 'benchmarks.md'), resultsMarkdown(results, checks, info, 'benchmarks.svg'));
    log('docs/benchmarks.md and docs/benchmarks.svg updated');
  }

  log(`\n${'target'.padEnd(26)}${'wanted'.padEnd(22)}measured`);
  for (const c of checks) log(`${(c.met === null ? '  · ' : c.met ? '  ✓ ' : '  ✗ ') + c.name.padEnd(22)}${c.target.padEnd(22)}${c.measured}`);
  for (const n of notes) log(`  note: ${n}`);
  log(`\nfinished in ${(durationS / 60).toFixed(1)} min; details in ${relative(process.cwd(), join(outDir, 'results.json'))}`);
  return 0;
}

/** results.json of the latest earlier run of the same kind (quick or full, same data size) in `dir`, if any. */
function previousRunJson(dir: string, currentStamp: string, options: BenchOptions): string | null {
  let stamps: string[] = [];
  try {
    stamps = readdirSync(dir).filter((d) => d < currentStamp).sort().reverse();
  } catch {
    return null;
  }
  for (const d of stamps) {
    const file = join(dir, d, 'results.json');
    if (!existsSync(file)) continue;
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as { detail?: { options?: { quick?: boolean; data?: { suggestions?: number } } } };
      if (r.detail?.options?.quick === options.quick && r.detail.options.data?.suggestions === options.data.suggestions) return file;
    } catch {
      // an unfinished run
    }
  }
  return null;
}

function firstLine(err: unknown): string {
  const cause = err instanceof Error && err.cause ? ` (${String((err.cause as Error).message ?? err.cause)})` : '';
  return `${String(err instanceof Error ? err.message : err).split('\n')[0]!.slice(0, 300)}${cause}`;
}

main(parseOptions(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
