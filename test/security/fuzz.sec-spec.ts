import { ACCESS_TABLE } from './access-table.js';
import { runFuzz, type FuzzResult } from './lib/fuzz.js';
import { startSecurityApp, type SecurityApp } from './lib/security-app.js';
import { buildWorld } from './lib/world.js';

/**
 * A fast pass inside `npm test`; the 20,000-operation run the CI floor asks for is the `fuzz`
 * scenario of `npm run test:faults`, which `.ci/run` runs too. FUZZ_OPERATIONS and FUZZ_SEED
 * resize or repeat a run.
 */
const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 2_000);

describe('fuzzing the GraphQL endpoint', () => {
  let t: SecurityApp;
  let result: FuzzResult;
  beforeAll(async () => {
    t = (await startSecurityApp('fuzz'))!;
    const world = await buildWorld(t);
    result = await runFuzz(t, world, ACCESS_TABLE, {
      operations: OPERATIONS,
      seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
      log: (l) => process.stdout.write(`${l}\n`),
    });
    console.log(
      `fuzz: operations=${result.figures.operations} status_5xx=${result.figures.status_5xx} leaks=${result.figures.leaks} unhandled=${result.figures.unhandled} ` +
        `seed=${result.seed} seconds=${result.seconds} kinds=${JSON.stringify(result.byKind)} ms=${JSON.stringify(result.msByKind)}`,
    );
  }, 600_000);
  afterAll(async () => t?.close());

  it(`sends at least ${OPERATIONS} generated operations`, () => {
    expect(result.figures.operations).toBeGreaterThanOrEqual(OPERATIONS);
  });

  it('answers none of them with a 5xx, and shows no internals (stack frames, SQL, file paths)', () => {
    expect(result.failures).toEqual([]);
    expect(result.figures.status_5xx).toBe(0);
    expect(result.figures.leaks).toBe(0);
  });

  it('leaves no promise rejection unhandled', () => {
    expect(result.figures.unhandled).toBe(0);
  });

  it('shows no phone number or one-time code in any response or log line', () => {
    t.scanLogs();
    expect(t.pii.findings).toEqual([]);
  });
});
