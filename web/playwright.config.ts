import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

// Journeys against the embedded start (the built api serving the built portal) on a free port,
// a temp SQLite file and the demo seed. The runner loads this file first and its workers inherit
// the environment, so the port and the folder are chosen once.
const repo = fileURLToPath(new URL('..', import.meta.url));
process.env.WEB_TEST_PORT ??= execFileSync(process.execPath, ['-e',
  "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"]).toString();
process.env.WEB_TEST_DIR ??= mkdtempSync(join(tmpdir(), 'civicloop-web-'));
const port = Number(process.env.WEB_TEST_PORT);
const dir = process.env.WEB_TEST_DIR;

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${port}`, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', launchOptions,
    // Charts draw at once (no animation), so screenshots show the figures they were taken for.
    reducedMotion: 'reduce', trace: 'off' },
  projects: [
    { name: 'phone', use: { ...devices['Desktop Chrome'], viewport: { width: 390, height: 844 }, isMobile: false, hasTouch: true } },
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } } },
  ],
  webServer: {
    // The server is built first so the journeys never run against a stale dist/.
    command: 'npm run build:server --silent && node dist/src/main.js',
    cwd: repo,
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: process.env.WEB_TEST_LOG ? 'pipe' : 'ignore',
    env: {
      PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'civicloop.sqlite'), SMS_FILE: join(dir, 'sms-outbox.log'), STORAGE_URL: join(dir, 'photos'),
      LOG_LEVEL: 'warn', SEED_DEMO: 'true',
      // The journeys sign in dozens of times; argon2 at its production cost would spend most of the run there.
      PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1', PASSWORD_HASH_PARALLELISM: '1', SHED_LOAD_EVENT_LOOP_DELAY_MS: '0', WEB_DIST_DIR: join(repo, 'web/dist'),
    },
  },
});
