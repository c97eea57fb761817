#!/usr/bin/env bash
# The SQLite suite on Node 24 (the image's runtime), on this checkout's node_modules: every native
# module here is Node-API (better-sqlite3 13 under the alias better-sqlite3-napi, argon2, sharp,
# @swc/core), so one install serves Node 20 and Node 24 (src/database/sqlite-driver.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24_EXEC="$(npx -y node@24 -p 'process.execPath')"
export PATH="$(dirname "$NODE24_EXEC"):$PATH"
node --version
npm run test:sqlite -- "$@"
