// `npm run codegen:test`: the tests' typed GraphQL documents (test/codegen.ts → test/gql/), generated
// only when schema.gql, the config or a test file is newer than the last run. `npm test` asks for them
// three times (typecheck, SQLite, MariaDB) and a clean checkout needs them before jest imports them;
// the generator itself takes about 4 s of CPU, a current folder about 0.1 s.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'test/gql';
const STAMP = join(OUT, '.stamp');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return path.endsWith('.ts') || path.endsWith('.gql') ? st.mtimeMs : 0;
  let newest = st.mtimeMs; // a deleted file shows only as a newer directory
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (join(path, entry.name) === OUT) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

const generated = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
if (generated && Math.max(newestMtime('schema.gql'), newestMtime('test')) <= generated) process.exit(0);
const started = Date.now();
const run = spawnSync('npx', ['graphql-codegen', '--silent', '--config', 'test/codegen.ts'], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
