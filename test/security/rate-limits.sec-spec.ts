import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RATE_LIMITS } from '../../src/common/rate-limit/rate-limits.js';
import { LOGIN_CODE_MAX_ATTEMPTS, LOGIN_CODE_TTL_MS } from '../../src/auth/auth.service.js';
import { LOGIN_DELAYS } from '../../src/auth/login-delays.js';
import { LoginCodeEntity } from '../../src/auth/login-code.entity.js';
import { PiiCrypto } from '../../src/common/pii-crypto.js';
import { given, idempotencyKey, TEST_PASSWORD } from '../factories/given.js';
import type { TestApp } from '../helpers/test-app.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis.js';
import { REDIS } from '../../src/redis/redis.module.js';
import { startSecurityApp, type GqlResponse, type SecurityApp } from './lib/security-app.js';
import { freshPhone } from './lib/world.js';

const REQUEST_CODE = 'mutation($i: RequestLoginCodeInput!) { requestLoginCode(input: $i) { sent } }';
const SIGN_IN = 'mutation($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
const SUBMIT = 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { replayed suggestion { id } } }';
const RATE = 'mutation($i: RateReplyInput!) { rateReply(input: $i) { rating { id } } }';

async function redisReady(client: Redis): Promise<void> {
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
}

const code = (r: GqlResponse) => r.errors?.[0]?.extensions?.code ?? 'OK';
/** A client address of its own (production trusts the proxy's X-Forwarded-For), so tests do not share IP counters. */
const newIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;

// Issue 8 §3: every limit, keyed by phone or account and by IP, and one-time-code guessing
// bounded as ARCHITECTURE §7 says. Production mode, so the client address comes from the proxy.
describe('rate limits', () => {
  let t: SecurityApp;
  beforeAll(async () => {
    t = (await startSecurityApp('ratelimits', { production: true, env: { SUBMISSIONS_PER_DAY: '1000' } }))!;
  }, 120_000);
  afterAll(async () => t?.close());
  const from = (ip: string, token?: string) => ({ headers: { 'x-forwarded-for': ip }, token });

  it(`code requests: ${RATE_LIMITS.codeRequestPerPhone.points} per phone, then refused; another phone goes on`, async () => {
    const ip = newIp();
    const phone = freshPhone();
    for (let i = 0; i < RATE_LIMITS.codeRequestPerPhone.points; i++) expect(code(await t.gql(REQUEST_CODE, { i: { phone } }, from(ip)))).toBe('OK');
    const over = await t.gql(REQUEST_CODE, { i: { phone } }, from(newIp()));
    expect(code(over)).toBe('RATE_LIMITED');
    expect(over.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(code(await t.gql(REQUEST_CODE, { i: { phone: freshPhone() } }, from(ip)))).toBe('OK');
  });

  it(`code requests: ${RATE_LIMITS.codeRequestPerIp.points} per IP, then refused; another IP goes on`, async () => {
    const ip = newIp();
    for (let i = 0; i < RATE_LIMITS.codeRequestPerIp.points; i++) expect(code(await t.gql(REQUEST_CODE, { i: { phone: freshPhone() } }, from(ip)))).toBe('OK');
    expect(code(await t.gql(REQUEST_CODE, { i: { phone: freshPhone() } }, from(ip)))).toBe('RATE_LIMITED');
    expect(code(await t.gql(REQUEST_CODE, { i: { phone: freshPhone() } }, from(newIp())))).toBe('OK');
  });

  it(`code checks: ${RATE_LIMITS.codeCheckPerPhone.points} per phone and ${RATE_LIMITS.codeCheckPerIp.points} per IP`, async () => {
    const phone = freshPhone();
    for (let i = 0; i < RATE_LIMITS.codeCheckPerPhone.points; i++) {
      expect(code(await t.gql(SIGN_IN, { i: { phone, code: '000000' } }, from(newIp())))).toBe('UNAUTHENTICATED');
    }
    expect(code(await t.gql(SIGN_IN, { i: { phone, code: '000000' } }, from(newIp())))).toBe('RATE_LIMITED');
    const ip = newIp();
    for (let i = 0; i < RATE_LIMITS.codeCheckPerIp.points; i++) expect(code(await t.gql(SIGN_IN, { i: { phone: freshPhone(), code: '000000' } }, from(ip)))).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(SIGN_IN, { i: { phone: freshPhone(), code: '000000' } }, from(ip)))).toBe('RATE_LIMITED');
  });

  describe('one-time-code guessing (ARCHITECTURE §7)', () => {
    const requestCode = async (phone: string) => {
      expect(code(await t.gql(REQUEST_CODE, { i: { phone } }, from(newIp())))).toBe('OK');
      return t.lastCodeFor(phone);
    };
    const wrongFor = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

    it(`a code dies after ${LOGIN_CODE_MAX_ATTEMPTS} wrong tries: even the right one is refused after them`, async () => {
      const phone = freshPhone();
      const right = await requestCode(phone);
      for (let i = 0; i < LOGIN_CODE_MAX_ATTEMPTS; i++) expect(code(await t.gql(SIGN_IN, { i: { phone, code: wrongFor(right) } }, from(newIp())))).toBe('UNAUTHENTICATED');
      expect(code(await t.gql(SIGN_IN, { i: { phone, code: right } }, from(newIp())))).toBe('UNAUTHENTICATED');
      const hash = t.app.get(PiiCrypto).lookupHash(phone);
      expect(await t.dataSource.getRepository(LoginCodeEntity).countBy({ phoneHash: hash })).toBe(0);
    });

    it(`the right code works within ${LOGIN_CODE_MAX_ATTEMPTS} tries, once`, async () => {
      const phone = freshPhone();
      const right = await requestCode(phone);
      for (let i = 0; i < LOGIN_CODE_MAX_ATTEMPTS - 1; i++) await t.gql(SIGN_IN, { i: { phone, code: wrongFor(right) } }, from(newIp()));
      expect(code(await t.gql(SIGN_IN, { i: { phone, code: right } }, from(newIp())))).toBe('OK');
      expect(code(await t.gql(SIGN_IN, { i: { phone, code: right } }, from(newIp())))).toBe('UNAUTHENTICATED');
    });

    it('a resend replaces the code, and a code expires after 5 minutes', async () => {
      const phone = freshPhone();
      const first = await requestCode(phone);
      let second = await requestCode(phone);
      for (let i = 0; first === second && i < 5; i++) second = await requestCode(phone); // one in a million
      expect(code(await t.gql(SIGN_IN, { i: { phone, code: first } }, from(newIp())))).toBe('UNAUTHENTICATED');
      const phone2 = freshPhone();
      const code2 = await requestCode(phone2);
      t.clock.advance(LOGIN_CODE_TTL_MS + 1000);
      try {
        expect(code(await t.gql(SIGN_IN, { i: { phone: phone2, code: code2 } }, from(newIp())))).toBe('UNAUTHENTICATED');
      } finally {
        t.clock.advance(-(LOGIN_CODE_TTL_MS + 1000));
      }
    });

    it('bounds a guesser to a few dozen tries per phone per hour (of a million codes)', () => {
      // Codes per phone per hour × tries per code, and checks per phone per hour: the smaller wins.
      const perHour = Math.min(
        RATE_LIMITS.codeRequestPerPhone.points * (3600 / RATE_LIMITS.codeRequestPerPhone.duration) * LOGIN_CODE_MAX_ATTEMPTS,
        RATE_LIMITS.codeCheckPerPhone.points * (3600 / RATE_LIMITS.codeCheckPerPhone.duration),
      );
      expect(perHour).toBeLessThanOrEqual(40);
      expect(perHour / 1_000_000).toBeLessThan(1e-4);
    });
  });

  it(`sign-in: growing waits per account+address after ${LOGIN_DELAYS.accountAddress.free} failures (a success resets them); the owner elsewhere is not held up`, async () => {
    const staff = await given(t as unknown as TestApp).staff(['AUDITOR']);
    const attempt = (password: string, ip = newIp(), username = staff.username) => t.gql(LOGIN, { i: { username, password } }, from(ip));
    const ip = newIp();
    for (let i = 0; i < LOGIN_DELAYS.accountAddress.free - 1; i++) expect(code(await attempt('wrong', ip))).toBe('UNAUTHENTICATED');
    expect(code(await attempt(TEST_PASSWORD, ip))).toBe('OK'); // resets the pair's count
    for (let i = 0; i < LOGIN_DELAYS.accountAddress.free + 1; i++) expect(code(await attempt('wrong', ip))).toBe('UNAUTHENTICATED');
    const waiting = await attempt(TEST_PASSWORD, ip);
    expect(code(waiting)).toBe('RATE_LIMITED'); // even the right password, from that address, for now
    expect(waiting.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(code(await attempt(TEST_PASSWORD, newIp()))).toBe('OK'); // the account is not locked
  }, 120_000);

  it(`photo uploads: ${RATE_LIMITS.photoUploadPerAccount.points} per account and ${RATE_LIMITS.photoUploadPerIp.points} per address, counted before the body is decoded`, async () => {
    const g = given(t as unknown as TestApp);
    const upload = async (token: string, ip: string) => {
      const form = new FormData();
      // Not an image: refused after decoding, yet counted, as the limit runs before the body is read.
      form.append('file', new Blob([new Uint8Array(randomBytes(64))], { type: 'image/jpeg' }), 'x.jpg');
      const res = await fetch(`${t.baseUrl}/photos`, { method: 'POST', body: form, headers: { 'x-civicloop-upload': '1', 'x-forwarded-for': ip, authorization: `Bearer ${token}` } });
      return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code ?? 'OK' };
    };
    const one = await g.resident({ phone: freshPhone() });
    for (let i = 0; i < RATE_LIMITS.photoUploadPerAccount.points; i++) expect((await upload(one.token, newIp())).code).not.toBe('RATE_LIMITED');
    expect(await upload(one.token, newIp())).toEqual({ status: 429, code: 'RATE_LIMITED' });

    // Many fresh accounts behind one address: each under its own limit, the address stops them.
    const ip = newIp();
    const perAccount = RATE_LIMITS.photoUploadPerAccount.points / 2;
    const accounts = await Promise.all(Array.from({ length: RATE_LIMITS.photoUploadPerIp.points / perAccount + 1 }, () => g.resident({ phone: freshPhone() })));
    let sent = 0;
    for (const a of accounts) {
      for (let i = 0; i < perAccount && sent < RATE_LIMITS.photoUploadPerIp.points; i++, sent++) expect((await upload(a.token, ip)).code).not.toBe('RATE_LIMITED');
    }
    expect(await upload(accounts.at(-1)!.token, ip)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect((await upload(accounts.at(-1)!.token, newIp())).code).not.toBe('RATE_LIMITED');
  }, 180_000);

  it(`submissions: ${RATE_LIMITS.submitPerResident.points} per resident, ${RATE_LIMITS.submitPerIp.points} per IP; a replay is not counted`, async () => {
    const g = given(t as unknown as TestApp);
    const campaign = await g.campaign();
    const input = () => ({ campaignId: campaign.id, title: '限流测试', body: '这是一条用于限流测试的建议内容。', category: campaign.categories[0], consentToPublish: false, idempotencyKey: idempotencyKey() });
    const r = await g.resident({ phone: freshPhone() });
    let last: Record<string, unknown> = {};
    for (let i = 0; i < RATE_LIMITS.submitPerResident.points; i++) expect(code(await t.gql(SUBMIT, { i: (last = input()) }, from(newIp(), r.token)))).toBe('OK');
    expect(code(await t.gql(SUBMIT, { i: input() }, from(newIp(), r.token)))).toBe('RATE_LIMITED');
    const replay = await t.gql(SUBMIT, { i: last }, from(newIp(), r.token));
    expect(replay.data?.submitSuggestion?.replayed).toBe(true);

    const ip = newIp();
    const residents = await Promise.all(Array.from({ length: Math.ceil(RATE_LIMITS.submitPerIp.points / 10) + 1 }, () => g.resident({ phone: freshPhone() })));
    let sent = 0;
    for (const resident of residents) {
      for (let i = 0; i < 10 && sent < RATE_LIMITS.submitPerIp.points; i++, sent++) expect(code(await t.gql(SUBMIT, { i: input() }, from(ip, resident.token)))).toBe('OK');
    }
    expect(code(await t.gql(SUBMIT, { i: input() }, from(ip, residents.at(-1)!.token)))).toBe('RATE_LIMITED');
    expect(code(await t.gql(SUBMIT, { i: input() }, from(newIp(), residents.at(-1)!.token)))).toBe('OK');
  }, 120_000);

  it(`ratings: ${RATE_LIMITS.ratePerResident.points} per resident and ${RATE_LIMITS.ratePerIp.points} per IP, then refused`, async () => {
    const g = given(t as unknown as TestApp);
    const [a, b] = [await g.resident({ phone: freshPhone() }), await g.resident({ phone: freshPhone() })];
    const rate = (token: string, ip = newIp()) => t.gql(RATE, { i: { replyId: 999_999, level: 'SATISFIED' } }, from(ip, token));
    for (let i = 0; i < RATE_LIMITS.ratePerResident.points; i++) expect(code(await rate(a.token))).toBe('NOT_FOUND');
    expect(code(await rate(a.token))).toBe('RATE_LIMITED');
    expect(code(await rate(b.token))).toBe('NOT_FOUND');
    const ip = newIp();
    const residents = await Promise.all(Array.from({ length: Math.ceil(RATE_LIMITS.ratePerIp.points / 20) }, () => g.resident({ phone: freshPhone() })));
    for (let i = 0; i < RATE_LIMITS.ratePerIp.points; i++) expect(code(await rate(residents[i % residents.length]!.token, ip))).toBe('NOT_FOUND');
    const fresh = await g.resident({ phone: freshPhone() });
    expect(code(await rate(fresh.token, ip))).toBe('RATE_LIMITED');
    expect(code(await rate(fresh.token))).toBe('NOT_FOUND');
  });

  it('leaks no phone number or one-time code in any response or log line', () => {
    t.scanLogs();
    expect(t.pii.findings).toEqual([]);
    expect(t.status5xx).toBe(0);
  });
});

// Issue 8 §3: with REDIS_URL the counters live in Redis, so every api instance shares them.
describe('rate limits shared through Redis by two api instances', () => {
  let a: SecurityApp | null = null;
  let b: SecurityApp | null = null;
  let redis: Redis;
  beforeAll(async () => {
    if (!(await redisAvailable())) return;
    // Both instances must hash phones with the same key, as a real deployment's instances do.
    const shared = {
      REDIS_URL: TEST_REDIS_URL,
      JOBS_DRIVER: 'sql',
      PII_HASH_KEY: randomBytes(24).toString('hex'),
      PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    a = await startSecurityApp('rl-redis-a', { production: true, env: shared });
    b = await startSecurityApp('rl-redis-b', { production: true, env: shared });
    // Until an instance's Redis connection is up it counts in memory (the insurance limiter).
    await Promise.all([a, b].map((app) => redisReady(app!.app.get<Redis>(REDIS))));
    redis = new Redis(TEST_REDIS_URL);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    redis?.disconnect();
  });

  it('a phone’s code requests are counted across both instances', async () => {
    if (!a || !b) return;
    const phone = freshPhone();
    const ip = newIp();
    const results: string[] = [];
    for (let i = 0; i < RATE_LIMITS.codeRequestPerPhone.points + 2; i++) {
      const app = i % 2 === 0 ? a : b;
      results.push(code(await app.gql(REQUEST_CODE, { i: { phone } }, { headers: { 'x-forwarded-for': ip } })));
    }
    const limit = RATE_LIMITS.codeRequestPerPhone.points;
    expect(results).toEqual([...Array(limit).fill('OK'), 'RATE_LIMITED', 'RATE_LIMITED']);
    // The counter is in Redis, keyed by the keyed hash of the phone and by the IP: no phone number in Redis.
    const hash = a.app.get(PiiCrypto).lookupHash(phone);
    expect(Number(await redis.get(`rl:codeRequestPerPhone:${hash}`))).toBeGreaterThanOrEqual(limit);
    expect(Number(await redis.get(`rl:codeRequestPerIp:${ip}`))).toBe(limit + 2);
    const keys = await redis.keys('rl:*');
    expect(keys.filter((k) => k.includes(phone))).toEqual([]);
    await redis.del(`rl:codeRequestPerPhone:${hash}`, `rl:codeRequestPerIp:${ip}`);
  });

  it('keeps limiting from memory when Redis is unreachable, instead of refusing everyone', async () => {
    if (!a) return;
    const c = await startSecurityApp('rl-no-redis', { production: true, env: { REDIS_URL: 'redis://127.0.0.1:1', JOBS_DRIVER: 'sql' } });
    try {
      const phone = freshPhone();
      const results: string[] = [];
      for (let i = 0; i <= RATE_LIMITS.codeRequestPerPhone.points; i++) results.push(code(await c!.gql(REQUEST_CODE, { i: { phone } }, { headers: { 'x-forwarded-for': newIp() } })));
      expect(results).toEqual([...Array(RATE_LIMITS.codeRequestPerPhone.points).fill('OK'), 'RATE_LIMITED']);
    } finally {
      await c?.close();
    }
  });
});
