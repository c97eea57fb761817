import { randomBytes } from 'node:crypto';
import { RateLimits } from '../../../src/common/rate-limit/rate-limits.js';
import { REDIS } from '../../../src/redis/redis.module.js';
import type { RedisClient } from '../../../src/redis/redis-connection.js';
import { given } from '../../factories/given.js';
import { LOGIN_DELAYS } from '../../../src/auth/login-delays.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startSecurityApp, type SecurityApp } from '../../security/lib/security-app.js';
import { sleep } from '../../faults/lib/services.js';
import type { MariaDbPair } from '../lib/mariadb-pair.js';

const ME = 'query { me { roles } }';
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code ?? 'OK';

export interface TwoApisFigures {
  /** Milliseconds from a deactivation answered by api A until api B refuses the token. */
  revocation_ms: number;
  /** A rate limit consumed on A is counted on B (the counters live in Redis). */
  rate_limit_shared: boolean;
  /** Wrong passwords on A and B add up: after the free attempts the next waits on either instance. */
  sign_in_waits_shared: boolean;
  health_ready: boolean;
  /** Milliseconds from a unit renamed through api A until api B's anonymous (cached) answer shows it. */
  public_cache_ms: number;
}

/**
 * Two api instances on one database and one Redis (`{ REDIS_URL }`) or the Redis Cluster
 * (`{ REDIS_CLUSTER_NODES }`): revocation, rate limits, sign-in waits, the public cache and
 * readiness behave as on one instance.
 */
export async function twoApis(pair: MariaDbPair, redisEnv: Record<string, string>, label: string): Promise<{ figures: TwoApisFigures; ok: boolean; notes: string[] }> {
  const urls = await pair.createDatabase(`scale_${label}_apps`, { waitForReplica: false });
  const shared = {
    ...redisEnv,
    JOBS_DRIVER: 'sql',
    RUN_JOBS_IN_API: 'false',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(24).toString('hex'),
  };
  const database = { type: 'mariadb' as const, url: urls.primary, poolSize: 10 };
  let a: SecurityApp | null = null;
  let b: SecurityApp | null = null;
  try {
    a = (await startSecurityApp(`scale-${label}-a`, { production: true, env: shared, database }))!;
    b = (await startSecurityApp(`scale-${label}-b`, { production: true, env: shared, database }))!;
    for (const t of [a, b]) {
      const redis = t.app.get<RedisClient>(REDIS);
      if (redis.status !== 'ready') await new Promise((r) => redis.once('ready', r));
    }
    await sleep(300); // the subscribers subscribe
    const ready = await Promise.all([a, b].map(async (t) => (await fetch(`${t.baseUrl}/health/ready`)).status === 200));

    const g = given(a as unknown as TestApp);
    const admin = await g.staff(['ADMIN']);
    const evaluator = await g.staff(['EVALUATOR']);
    const before = code(await b.gql(ME, {}, { token: evaluator.token }));
    const off = await a.gql('mutation($i: SetStaffUserActiveInput!) { setStaffUserActive(input: $i) { staffUser { active } } }', { i: { id: evaluator.id, active: false } }, { token: admin.token });
    const t0 = Date.now();
    let revocationMs = -1;
    while (Date.now() - t0 < 5000) {
      if (code(await b.gql(ME, {}, { token: evaluator.token })) === 'UNAUTHENTICATED') {
        revocationMs = Date.now() - t0;
        break;
      }
      await sleep(20);
    }

    const key = `scale-${randomBytes(4).toString('hex')}`;
    for (let i = 0; i < 3; i++) await a.app.get(RateLimits).consume('submitPerIp', key);
    const seenOnB = await b.app.get(RateLimits).consumed('submitPerIp', key);
    // Sign-in waits: failures on A count on B. One address guessing one account: as on one instance
    // (test/security/rate-limits), free + 1 failures answer UNAUTHENTICATED, then the next waits, on either.
    const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
    const guessed = await g.staff(['UNIT_HANDLER']);
    const free = LOGIN_DELAYS.accountAddress.free;
    const failures: string[] = [];
    for (let i = 0; i <= free; i++) failures.push(code(await (i % 2 ? b : a).gql(LOGIN, { i: { username: guessed.username, password: `wrong-${i}` } })));
    const afterFree = [code(await a.gql(LOGIN, { i: { username: guessed.username, password: 'wrong' } })), code(await b.gql(LOGIN, { i: { username: guessed.username, password: 'wrong' } }))];
    const signInShared = failures.every((c) => c === 'UNAUTHENTICATED') && afterFree.every((c) => c === 'RATE_LIMITED');

    // The public cache: B answers the anonymous unit list from Redis; a rename through A must show on B.
    const unit = await g.unit();
    const UNITS = '{ units(first: 100) { edges { node { id name } } } }';
    const anonymous = async (t: SecurityApp) => {
      const res = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: UNITS }) });
      const body = (await res.json()) as { data: { units: { edges: { node: { id: number; name: string } }[] } } };
      return { cache: res.headers.get('x-civicloop-cache'), name: body.data.units.edges.find((e) => e.node.id === unit.id)?.node.name };
    };
    // B reads the cache's versions once its Redis client is ready; until then it answers uncached.
    const h0 = Date.now();
    let cachedOnB = false;
    while (!cachedOnB && Date.now() - h0 < 3000) {
      await anonymous(b);
      cachedOnB = (await anonymous(b)).cache === 'HIT';
      if (!cachedOnB) await sleep(100);
    }
    const hitAfterMs = Date.now() - h0;
    const renamed = `${unit.name}（更名）`;
    const rename = await a.gql('mutation($i: UpdateUnitInput!) { updateUnit(input: $i) { unit { name } } }', { i: { id: unit.id, name: renamed } }, { token: admin.token });
    const c0 = Date.now();
    let cacheMs = -1;
    while (Date.now() - c0 < 5000) {
      if ((await anonymous(b)).name === renamed) {
        cacheMs = Date.now() - c0;
        break;
      }
      await sleep(20);
    }

    const figures = { revocation_ms: revocationMs, rate_limit_shared: seenOnB === 3, sign_in_waits_shared: signInShared, health_ready: ready.every(Boolean), public_cache_ms: cacheMs };
    const notes = [
      `two apis on ${'REDIS_CLUSTER_NODES' in redisEnv ? 'the cluster' : 'one Redis'}: /health/ready ${ready.map((r) => (r ? 200 : 'not ready')).join(', ')}; token valid on B before (${before}), deactivation on A (${code(off)}) refused on B after ${revocationMs} ms; 3 submissions counted on A, ${seenOnB} seen on B; ${free + 1} wrong passwords alternating A and B, then the next on A and on B: ${afterFree.join(', ')}; the anonymous unit list cached on B (${cachedOnB ? `HIT after ${hitAfterMs} ms` : 'not cached within 3 s'}), a rename on A (${code(rename)}) visible on B after ${cacheMs} ms`,
    ];
    return { figures, ok: before === 'OK' && code(off) === 'OK' && revocationMs >= 0 && revocationMs < 1000 && figures.rate_limit_shared && signInShared && figures.health_ready && cachedOnB && code(rename) === 'OK' && cacheMs >= 0 && cacheMs < 1000, notes };
  } finally {
    await a?.close().catch(() => undefined);
    await b?.close().catch(() => undefined);
  }
}
