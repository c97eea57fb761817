// `npm start` / `npm run worker` / `npm run migration:run` run this first. It compiles only when
// dist/ is missing or older than its sources, so a current build starts in seconds and a
// production install (no dev dependencies, often no sources) never needs tsc.
//   node scripts/ensure-build.mjs           build if stale
//   node scripts/ensure-build.mjs --stamp   record that a build just finished (npm's postbuild)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// What `npm run build` reads. A web build joining `build` adds its folder here. Not the lockfile:
// compiled output does not depend on it, and `npm prune` after a build may rewrite it.
const INPUTS = ['src', 'migrations', 'web', 'tsconfig.json', 'tsconfig.build.json'];
const STAMP = 'dist/.build-stamp';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows only as a newer directory
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

if (process.argv.includes('--stamp')) {
  mkdirSync('dist', { recursive: true });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  process.exit(0);
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const sources = Math.max(...INPUTS.map(newestMtime));
// An image or a production directory holds dist/ without sources: nothing can be stale.
if (built && sources <= built) process.exit(0);

if (!existsSync('node_modules/typescript')) {
  console.error(
    built
      ? 'dist/ is older than the sources, and TypeScript is not installed here (production install).\nRun `npm run build` where dev dependencies are installed.'
      : 'No build in dist/ and TypeScript is not installed here (production install).\nRun `npm ci && npm run build` first (see README, "Production").',
  );
  process.exit(1);
}

console.error(built ? 'Sources changed since the last build: npm run build' : 'No build yet: npm run build');
// A heap bound meant for the server (NODE_OPTIONS=--max-old-space-size=192 npm start) would
// kill the compiler: the build runs without it.
const nodeOptions = (process.env.NODE_OPTIONS ?? '').replace(/--max-old-space-size(=|\s+)\d+/g, '').trim();
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: nodeOptions } })
  : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: nodeOptions } });
process.exit(result.status ?? 1);
