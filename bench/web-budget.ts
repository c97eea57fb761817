// `npm run bench:web`: the web portal's budgets, measured (not asserted by a timed test).
// 1. JavaScript the home page loads before it can render: the entry script of web/dist/index.html,
//    its modulepreload links and, recursively, the static imports of those chunks (dynamic
//    import() chunks are left out: they load with other routes). Sizes raw, gzip -9 and brotli.
// 2. Lighthouse 12.2.3 (mobile preset: simulated slow 4G, 4× CPU slowdown) on `/` and `/me`
//    against the embedded start (built api serving web/dist, temp SQLite, demo seed), Debian's
//    Chromium headless. Median of --runs (default 3) per page.
// Figures go to stdout, bench/results/web-budget-<stamp>.json and between the
// `web:budget` markers of docs/web.md and docs/benchmarks.md.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(repoRoot, 'web', 'dist');
const chrome = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const log = (line: string) => process.stdout.write(`${line}\n`);

interface Asset { file: string; raw: number; gzip: number; brotli: number }

function sizeOf(file: string): Asset {
  const body = readFileSync(join(dist, file));
  return {
    file, raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The files the home page fetches before its first render: entry, modulepreloads, their static imports, CSS. */
export function homePageAssets(): { js: Asset[]; css: Asset[] } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const local = (u: string) => u.replace(/^\//, '');
  const queue = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => local(m[1]!)),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => local(m[1]!)),
  ];
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => local(m[1]!));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // Static imports only: `import{a as b}from"./x.js"`, `import"./x.js"`, `export{..}from"./x.js"`; never `import("./x.js")`.
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(posix.join(posix.dirname(file), m[1]!));
    }
  }
  return { js: [...seen].map(sizeOf), css: css.map(sizeOf) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startApp(dir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'src', 'main.js')], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'civicloop.sqlite'), SMS_FILE: join(dir, 'sms.log'),
      LOG_LEVEL: 'warn', SEED_DEMO: 'true', SHED_LOAD_EVENT_LOOP_DELAY_MS: '0', WEB_DIST_DIR: dist,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) return { child, base };
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the app did not answer /health within two minutes');
}

interface LighthouseRun { performance: number; accessibility: number; bestPractices: number; fcpMs: number; lcpMs: number; tbtMs: number; cls: number; transferKb: number; mainThreadMs: number; failing: string[] }

function lighthouse(url: string, outDir: string, name: string): LighthouseRun {
  const out = join(outDir, `${name}.json`);
  execFileSync(process.execPath, [
    join(repoRoot, 'node_modules', 'lighthouse', 'cli', 'index.js'), url,
    `--chrome-path=${chrome}`, '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    '--only-categories=performance,accessibility,best-practices', '--output=json', `--output-path=${out}`, '--quiet',
  ], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const score = (c: string) => Math.round((report.categories[c]?.score ?? 0) * 100);
  const num = (a: string) => report.audits[a]?.numericValue ?? NaN;
  const failing = Object.values<any>(report.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
    .map((a) => a.id);
  return {
    performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'),
    fcpMs: num('first-contentful-paint'), lcpMs: num('largest-contentful-paint'), tbtMs: num('total-blocking-time'), cls: num('cumulative-layout-shift'),
    // Main-thread work as Lighthouse reports it: the observed CPU time × the 4× simulated slowdown.
    transferKb: num('total-byte-weight') / 1024, mainThreadMs: num('mainthread-work-breakdown'), failing,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function replaceBetween(file: string, marker: string, body: string): void {
  const path = join(repoRoot, file);
  const text = readFileSync(path, 'utf8');
  const start = `<!-- ${marker}:start (written by npm run bench:web) -->`;
  const end = `<!-- ${marker}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = text.indexOf(start.slice(0, start.indexOf(' (')));
  const j = text.indexOf(end);
  writeFileSync(path, i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`);
}

async function main(): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist is not built: npm run bench:web builds it first');
  if (!existsSync(chrome)) throw new Error(`no Chromium at ${chrome} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = join(repoRoot, 'bench', 'results', `web-budget-${stamp}`);
  mkdirSync(outDir, { recursive: true });

  const { js, css } = homePageAssets();
  const kb = (n: number) => n / 1024;
  const jsGz = kb(js.reduce((s, a) => s + a.gzip, 0));
  const jsBr = kb(js.reduce((s, a) => s + a.brotli, 0));
  const jsRaw = kb(js.reduce((s, a) => s + a.raw, 0));
  const cssGz = kb(css.reduce((s, a) => s + a.gzip, 0));
  log(`home page JS: ${js.length} file(s), ${jsRaw.toFixed(1)} KB raw, ${jsGz.toFixed(1)} KB gzip -9, ${jsBr.toFixed(1)} KB brotli; CSS ${cssGz.toFixed(1)} KB gzip`);
  for (const a of js) log(`  ${a.file}: ${kb(a.gzip).toFixed(1)} KB gz`);

  const load = () => loadavg().map((l) => l.toFixed(1)).join('/');
  const loadBefore = load();
  const dir = mkdtempSync(join(tmpdir(), 'civicloop-webbench-'));
  const app = await startApp(dir);
  const pages: Record<string, LighthouseRun[]> = { '/': [], '/me': [] };
  try {
    for (let r = 0; r < runs; r++) {
      for (const path of Object.keys(pages)) {
        const run = lighthouse(`${app.base}${path}`, outDir, `lighthouse${path === '/' ? '-home' : path.replace(/\//g, '-')}-${r + 1}`);
        log(`  lighthouse ${path} run ${r + 1}: performance ${run.performance}, accessibility ${run.accessibility}, best practices ${run.bestPractices}, LCP ${run.lcpMs.toFixed(0)} ms, TBT ${run.tbtMs.toFixed(0)} ms, CLS ${run.cls.toFixed(3)}, main thread ${run.mainThreadMs.toFixed(0)} ms, load ${load()}${run.failing.length ? `; below 0.9: ${run.failing.join(', ')}` : ''}`);
        pages[path]!.push(run);
      }
    }
  } finally {
    app.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }

  const summary = Object.fromEntries(Object.entries(pages).map(([path, rs]) => [path, {
    performance: median(rs.map((r) => r.performance)), accessibility: median(rs.map((r) => r.accessibility)),
    bestPractices: median(rs.map((r) => r.bestPractices)), fcpMs: median(rs.map((r) => r.fcpMs)), lcpMs: median(rs.map((r) => r.lcpMs)),
    tbtMs: median(rs.map((r) => r.tbtMs)), cls: median(rs.map((r) => r.cls)), transferKb: median(rs.map((r) => r.transferKb)),
    mainThreadMs: median(rs.map((r) => r.mainThreadMs)),
    performanceRange: `${Math.min(...rs.map((r) => r.performance))}–${Math.max(...rs.map((r) => r.performance))}`,
  }]));
  const loadAfter = load();
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}, Chromium ${execFileSync(chrome, ['--version']).toString().trim().replace(/^Chromium\s*/, '')}`;
  writeFileSync(join(outDir, 'summary.json'), JSON.stringify({ when, machine, runs, js, css, jsGzKb: jsGz, jsBrKb: jsBr, pages: summary }, null, 2));

  const row = (path: string) => {
    const s = summary[path]!;
    return `| \`${path}\` | **${s.performance}** (${s.performanceRange}) | **${s.accessibility}** | ${s.bestPractices} | ${(s.fcpMs / 1000).toFixed(1)} s | ${(s.lcpMs / 1000).toFixed(1)} s | ${s.tbtMs.toFixed(0)} ms | ${s.cls.toFixed(3)} | ${s.transferKb.toFixed(0)} KB | ${(s.mainThreadMs / 1000).toFixed(1)} s |`;
  };
  const table = `Measured ${when} UTC by \`npm run bench:web\` (${machine}; median of ${runs} Lighthouse runs per page; load average 1/5/15 min ${loadBefore} at the start, ${loadAfter} at the end).

Home page first load: **${jsGz.toFixed(1)} KB gzipped JavaScript** (${js.length} file${js.length > 1 ? 's' : ''}: entry + modulepreloads + their static imports; gzip -9; ${jsBr.toFixed(1)} KB brotli, ${jsRaw.toFixed(0)} KB raw; budget 200 KB gz) + ${cssGz.toFixed(1)} KB gzipped CSS.

Lighthouse 12.2.3, mobile preset (simulated slow 4G, 4× CPU slowdown), embedded start (temp SQLite, demo seed). Targets: performance ≥ 90, accessibility ≥ 95.

| page | performance (min–max) | accessibility | best practices | FCP | LCP | TBT | CLS | bytes transferred | main-thread work |
|---|---|---|---|---|---|---|---|---|---|
${row('/')}
${row('/me')}`;
  replaceBetween('docs/web.md', 'web:budget', table);
  replaceBetween('docs/benchmarks.md', 'web:budget', table);
  log(`\n${table}\n\nwritten to docs/web.md, docs/benchmarks.md and ${outDir}`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
