import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { ACCOUNT_CACHE_TTL_MS } from '../../src/auth/account-access.service.js';
import { REDIS } from '../../src/redis/redis.module.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { given } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis.js';
import { dropMysqlDatabase, migratedMysqlDatabase, mysqlAvailable, TEST_DB } from '../helpers/test-db.js';
import { graphql } from '../gql/index.js';

const ME = graphql(`query TokenRevocationInstancesMe { me { roles unitId } }`);
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code ?? 'OK';

/** Polls until `done` or the bound passes; returns the milliseconds it took. */
async function within(boundMs: number, done: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > boundMs) throw new Error(`not within ${boundMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

// Issue 12 §3: two api instances on one database and one Redis. A change made through one is
// seen by the other well inside its cache bound, because the notice travels by Redis pub/sub.
describe(describeDb('token revocation across two api instances'), () => {
  let a: TestApp | null = null;
  let b: TestApp | null = null;
  let cleanup = async () => {};
  beforeAll(async () => {
    if (!(await redisAvailable())) return;
    let database: AppConfig['database'];
    if (TEST_DB === 'mysql') {
      if (!(await mysqlAvailable())) return;
      const url = await migratedMysqlDatabase('revocation');
      database = { type: 'mariadb', url, poolSize: 20 };
      cleanup = () => dropMysqlDatabase(url);
    } else {
      database = { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'civicloop-rev-')), 'shared.sqlite') };
    }
    const shared = { REDIS_URL: TEST_REDIS_URL, JOBS_DRIVER: 'sql', RUN_JOBS_IN_API: 'false', JWT_SECRET: randomBytes(32).toString('hex') };
    a = await startTestApp('rev-a', shared, { database });
    b = await startTestApp('rev-b', shared, { database });
    // Wait until both have their Redis connections (the subscriber queues until then).
    for (const app of [a!, b!]) {
      const redis = app.app.get<Redis>(REDIS);
      if (redis.status !== 'ready') await new Promise((r) => redis.once('ready', r));
    }
    await new Promise((r) => setTimeout(r, 200));
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cleanup();
  });

  it('deactivation through instance A ends the token on instance B within a second (its cache holds 5 s)', async () => {
    if (!a || !b) return;
    const g = given(a);
    const admin = await g.staff(['ADMIN']);
    const evaluator = await g.staff(['EVALUATOR']);
    expect(code(await b.gql(ME, {}, evaluator.token))).toBe('OK'); // B now holds the account in its cache
    expect(code(await a.gql(graphql(`mutation TokenRevocationInstancesSetStaffUserActive($i: SetStaffUserActiveInput!) { setStaffUserActive(input: $i) { staffUser { active } } }`), { i: { id: evaluator.id, active: false } }, admin.token))).toBe('OK');
    const ms = await within(ACCOUNT_CACHE_TTL_MS - 1000, async () => code(await b!.gql(ME, {}, evaluator.token)) === 'UNAUTHENTICATED');
    console.log(`revocation: refused on the other instance ${ms} ms after the mutation answered`);
    expect(ms).toBeLessThan(1000);
  });

  it('a role change through A applies on B within a second', async () => {
    if (!a || !b) return;
    const g = given(a);
    const admin = await g.staff(['ADMIN']);
    const unit = await g.unit();
    const staff = await g.staff(['UNIT_ADMIN'], unit.id);
    expect((await b.gql(ME, {}, staff.token)).data.me.roles).toEqual(['UNIT_ADMIN']);
    expect(code(await a.gql(graphql(`mutation TokenRevocationInstancesUpdateStaffUser($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { roles } } }`), { i: { id: staff.id, roles: ['UNIT_HANDLER'] } }, admin.token))).toBe('OK');
    const ms = await within(ACCOUNT_CACHE_TTL_MS - 1000, async () => code(await b!.gql(graphql(`query TokenRevocationInstancesStaffUsers { staffUsers(first: 1) { totalCount } }`), {}, staff.token)) === 'FORBIDDEN');
    expect(ms).toBeLessThan(1000);
  });
});
