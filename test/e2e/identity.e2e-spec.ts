import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import { RateLimits } from '../../src/common/rate-limit/rate-limits.js';
import { LOGIN_DELAYS } from '../../src/auth/login-delays.js';
import { StaffAuditEventEntity } from '../../src/staff/staff-audit-event.entity.js';
import { StaffService } from '../../src/staff/staff.service.js';
import { SYSTEM } from '../../src/staff/staff-rules.js';
import { StaffUserEntity } from '../../src/staff/staff-user.entity.js';
import { given, TEST_PASSWORD } from '../factories/given.js';
import { describeDb, startTestApp, type GqlResult, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';
import type { CreateStaffUserInput, StaffRole } from '../gql/graphql.js';

// Issue 12 §2–4: sign-in limits that no spelling or forged header escapes and no stranger can
// turn against the owner; tokens that follow the account; staff accounts managed in the product.

const LOGIN = graphql(`mutation IdentityLogin($i: LoginInput!) { login(input: $i) { accessToken } }`);
const SIGN_IN_CODE = graphql(`mutation IdentitySignInCode($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken } }`);
const STAFF_USERS = graphql(`query IdentityStaffUsers { staffUsers(first: 50) { totalCount edges { node { id username roles unitId active } } } }`);
const CREATE = graphql(`mutation IdentityCreate($i: CreateStaffUserInput!) { createStaffUser(input: $i) { codeSent expiresInSeconds staffUser { id username roles unitId phoneMasked } } }`);
const UPDATE = graphql(`mutation IdentityUpdate($i: UpdateStaffUserInput!) { updateStaffUser(input: $i) { staffUser { id roles unitId displayName } } }`);
const SET_ACTIVE = graphql(`mutation IdentitySetActive($i: SetStaffUserActiveInput!) { setStaffUserActive(input: $i) { staffUser { id active } } }`);
const RESET = graphql(`mutation IdentityReset($i: ResetStaffPasswordInput!) { resetStaffPassword(input: $i) { codeSent } }`);
const SET_PASSWORD = graphql(`mutation IdentitySetPassword($i: SetPasswordWithCodeInput!) { setPasswordWithCode(input: $i) { accessToken } }`);
const CHANGE_PASSWORD = graphql(`mutation IdentityChangePassword($i: ChangeMyPasswordInput!) { changeMyPassword(input: $i) { accessToken } }`);
const ME = graphql(`query IdentityMe { me { id roles unitId } }`);

const code = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code ?? 'OK';
const subOf = (token: string) => Number(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub);
let addressSeq = 0;
/** A public client address of its own (198.18.0.0/15, benchmarking range), never in 10/8. */
const newAddress = () => `198.${18 + ((++addressSeq >> 16) & 1)}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;
let phoneSeq = 0;
const freshPhone = () => `171${String(process.pid % 1000).padStart(3, '0')}${String(++phoneSeq).padStart(5, '0')}`;

/** The last set-password code sent to a phone (the development gateway writes a file). */
function setPasswordCodeFor(t: TestApp, phone: string): string {
  const lines = readFileSync(t.smsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const mine = lines.filter((l) => l.to === phone && l.template === 'STAFF_SET_PASSWORD');
  if (!mine.length) throw new Error(`no set-password code went to ${phone}`);
  return mine.at(-1).params.code;
}

describe(describeDb('identity: sign-in limits, tokens that follow the account, staff accounts'), () => {
  let t: TestApp;
  let g: ReturnType<typeof given>;
  // Loopback and 10/8 are our proxies; what they forward is believed, nothing else is.
  beforeAll(async () => {
    t = (await startTestApp('identity', { TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' }))!;
    g = given(t);
  }, 120_000);
  afterAll(async () => t?.close());
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const login = (username: string, password: string, address = newAddress()) => t.gql(LOGIN, { i: { username, password } }, undefined, from(address));
  const seedStaff = async (username: string, roles: Parameters<typeof g.staff>[0] = ['AUDITOR'], unitId: number | null = null) => {
    const { staffUser } = await t.app.get(StaffService).create(SYSTEM, { username, displayName: '测试', roles, unitId }, { password: TEST_PASSWORD });
    return staffUser;
  };

  describe('§2 usernames are canonical: every spelling is one account and one bucket, or none', () => {
    const wide = (s: string) => [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    const spellingOf = (name: string) =>
      fc
        .record({ upper: fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }), widen: fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }), pad: fc.constantFrom('', ' ', '\u3000', '  ', '\t') , tail: fc.constantFrom('', ' ', '\u3000', '\u00a0') })
        .map(({ upper, widen, pad, tail }) => pad + [...name].map((c, i) => { const u = upper[i] ? c.toUpperCase() : c; return widen[i] ? wide(u) : u; }).join('') + tail);

    it('signs every generated spelling in to the same account', async () => {
      const user = await seedStaff(`canon.${randomBytes(3).toString('hex')}`);
      const spellings = fc.sample(spellingOf(user.username), { numRuns: 12, seed: 12 });
      for (const spelled of spellings) {
        const r = await login(spelled, TEST_PASSWORD);
        expect({ spelled, code: code(r) }).toEqual({ spelled, code: 'OK' });
        expect(subOf(r.data.login.accessToken)).toBe(user.id);
      }
    });

    it('counts failures of every spelling in one bucket: the waits hold whatever the spelling, even with the right password', async () => {
      const user = await seedStaff(`bucket.${randomBytes(3).toString('hex')}`);
      const address = newAddress();
      const spellings = fc.sample(spellingOf(user.username), { numRuns: LOGIN_DELAYS.accountAddress.free + 2, seed: 7 });
      for (const spelled of spellings.slice(0, LOGIN_DELAYS.accountAddress.free + 1)) expect(code(await login(spelled, 'wrong password!!', address))).toBe('UNAUTHENTICATED');
      const blocked = await login(spellings.at(-1)!, TEST_PASSWORD, address);
      expect(code(blocked)).toBe('RATE_LIMITED');
      expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    });

    it('reaches no account through accented or look-alike names, on either database (the lookup is exact)', async () => {
      const user = await seedStaff(`admin${randomBytes(2).toString('hex')}`);
      for (const variant of [user.username.replace('a', 'á'), user.username.replace('a', 'à'), user.username.replace('i', 'í'), user.username.replace('a', 'a\u0301'), user.username + '\u200b']) {
        expect({ variant, code: code(await login(variant, TEST_PASSWORD)) }).toEqual({ variant, code: 'UNAUTHENTICATED' });
      }
    });

    it('refuses a second account whose name is another spelling of an existing one', async () => {
      const user = await seedStaff(`dup.${randomBytes(3).toString('hex')}`);
      const admin = await g.staff(['ADMIN']);
      const r = await t.gql(CREATE, { i: { username: ` ${wide(user.username.toUpperCase())} `, displayName: '重复', roles: ['AUDITOR'], phone: freshPhone() } }, admin.token);
      expect(code(r)).toBe('CONFLICT');
    });
  });

  describe('§2 the client address comes from configured proxies only', () => {
    const TRUSTED = ['127.0.0.1', '10.0.0.0/8'];
    const inTrusted = (ip: string) => ip === '127.0.0.1' || ip.startsWith('10.');
    const octet = fc.integer({ min: 0, max: 255 });
    const publicIp = fc.tuple(fc.integer({ min: 11, max: 223 }), octet, octet, fc.integer({ min: 1, max: 254 })).filter(([a]) => a !== 127).map((p) => p.join('.'));
    const proxyIp = fc.tuple(octet, octet, fc.integer({ min: 1, max: 254 })).map((p) => `10.${p.join('.')}`);
    const chains = fc.record({ spoofed: fc.array(fc.oneof(publicIp, proxyIp, fc.constantFrom('127.0.0.1', 'unknown', '')), { maxLength: 4 }), client: publicIp, hops: fc.array(proxyIp, { maxLength: 3 }) });
    /** proxy-addr's rule, written out: from the right, skip trusted hops; the first other one is the client. */
    const expectedClient = (socket: string, xff: string[]) => {
      const chain = [socket, ...[...xff].reverse()];
      for (let i = 0; i < chain.length - 1; i++) if (!inTrusted(chain[i]!)) return chain[i]!;
      return chain.at(-1)!;
    };
    const signInWithCode = (app: TestApp, xff: string) => app.gql(SIGN_IN_CODE, { i: { phone: freshPhone(), code: '000000' } }, undefined, { 'x-forwarded-for': xff });

    it('with proxies configured, counts each request against the client the last trusted proxy named, never a spoofed entry', async () => {
      expect(t.config.trustedProxies).toEqual(TRUSTED);
      const limits = t.app.get(RateLimits);
      for (const { spoofed, client, hops } of fc.sample(chains, { numRuns: 25, seed: 3 })) {
        const xff = [...spoofed, client, ...hops];
        const expected = expectedClient('127.0.0.1', xff);
        expect(expected).toBe(client);
        const before = await limits.consumed('codeCheckPerIp', client);
        expect(code(await signInWithCode(t, xff.join(', ')))).toBe('UNAUTHENTICATED');
        expect(await limits.consumed('codeCheckPerIp', client)).toBe(before + 1);
        for (const s of spoofed.filter((s) => s !== client)) expect({ s, n: await limits.consumed('codeCheckPerIp', s) }).toEqual({ s, n: 0 });
      }
    });

    it('with no proxies configured (the default), X-Forwarded-For changes nothing: one address, one allowance', async () => {
      const direct = (await startTestApp('identity-direct'))!;
      try {
        expect(direct.config.trustedProxies).toEqual([]);
        const limits = direct.app.get(RateLimits);
        const samples = fc.sample(chains, { numRuns: 20, seed: 5 });
        for (const [i, { spoofed, client, hops }] of samples.entries()) {
          expect(code(await signInWithCode(direct, [...spoofed, client, ...hops].join(', ')))).toBe('UNAUTHENTICATED');
          expect(await limits.consumed('codeCheckPerIp', '127.0.0.1')).toBe(i + 1);
          expect(await limits.consumed('codeCheckPerIp', client)).toBe(0);
        }
      } finally {
        await direct.close();
      }
    });
  });

  describe('§2 failures slow the guesser down and never lock the owner out', () => {
    it('a stranger’s failures, from one address or many, never stop the owner at their address; a new address waits at most a minute', async () => {
      const runs = fc.sample(fc.record({ fromOne: fc.integer({ min: 0, max: 14 }), fromMany: fc.integer({ min: 0, max: 16 }) }), { numRuns: 3, seed: 11 });
      runs.push({ fromOne: 12, fromMany: 14 });
      for (const { fromOne, fromMany } of runs) {
        const user = await seedStaff(`owner.${randomBytes(3).toString('hex')}`);
        const home = newAddress();
        expect(code(await login(user.username, TEST_PASSWORD, home))).toBe('OK'); // the owner's usual address
        const stranger = newAddress();
        const strangerCodes: string[] = [];
        for (let i = 0; i < fromMany; i++) strangerCodes.push(code(await login(user.username, 'not the password')));
        for (let i = 0; i < fromOne; i++) strangerCodes.push(code(await login(user.username, 'not the password', stranger)));
        // The stranger's own address is slowed once its free tries are gone (asked right after a failure).
        if (fromOne > LOGIN_DELAYS.accountAddress.free) expect(code(await login(user.username, 'not the password', stranger))).toBe('RATE_LIMITED');
        expect(strangerCodes.every((c) => c === 'UNAUTHENTICATED' || c === 'RATE_LIMITED')).toBe(true);
        // The owner at home: in at once.
        expect({ fromOne, fromMany, home: code(await login(user.username, TEST_PASSWORD, home)) }).toEqual({ fromOne, fromMany, home: 'OK' });
        // The owner somewhere new: in, or told to wait a bounded time.
        const away = await login(user.username, TEST_PASSWORD);
        if (code(away) !== 'OK') {
          expect(code(away)).toBe('RATE_LIMITED');
          expect(away.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_DELAYS.account.maxDelaySeconds);
        }
      }
    });

    it('waits grow with each failure from one address', async () => {
      const user = await seedStaff(`grow.${randomBytes(3).toString('hex')}`);
      const address = newAddress();
      for (let i = 0; i < LOGIN_DELAYS.accountAddress.free; i++) expect(code(await login(user.username, 'wrong password!!', address))).toBe('UNAUTHENTICATED');
      const waits: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await login(user.username, 'wrong password!!', address);
        if (code(r) === 'RATE_LIMITED') {
          waits.push(r.errors![0]!.extensions!.retryAfterSeconds as number);
          await new Promise((resolve) => setTimeout(resolve, (waits.at(-1)! as number) * 1000 + 50));
          i--;
          if (waits.length >= 3) break;
        }
      }
      expect(waits.length).toBeGreaterThanOrEqual(3);
      expect(waits[2]!).toBeGreaterThan(waits[0]!);
    }, 60_000);
  });

  describe('§3 tokens follow the account', () => {
    it('refuses a well-signed token without an expiry', async () => {
      const staff = await g.staff(['ADMIN']);
      const jwt = new JwtService();
      const noExp = jwt.sign({ sub: String(staff.id), kind: 'staff', ver: 1 }, { secret: t.config.jwt.secret, issuer: t.config.jwt.issuer, audience: t.config.jwt.audience, noTimestamp: true });
      expect(code(await t.gql(ME, {}, noExp))).toBe('UNAUTHENTICATED');
      expect(code(await t.gql(ME, {}, staff.token))).toBe('OK');
    });

    it('deactivation, password change, reset and resident deletion end the old token at once; roles and unit apply at once', async () => {
      const admin = await g.staff(['ADMIN']);
      const [unitA, unitB] = [await g.unit(), await g.unit()];
      // deactivation
      const evaluator = await g.staff(['EVALUATOR']);
      expect(code(await t.gql(ME, {}, evaluator.token))).toBe('OK');
      expect(code(await t.gql(SET_ACTIVE, { i: { id: evaluator.id, active: false } }, admin.token))).toBe('OK');
      expect(code(await t.gql(ME, {}, evaluator.token))).toBe('UNAUTHENTICATED');
      expect(code(await t.gql(SET_ACTIVE, { i: { id: evaluator.id, active: true } }, admin.token))).toBe('OK');
      expect(code(await t.gql(ME, {}, evaluator.token))).toBe('UNAUTHENTICATED'); // reactivation needs a new sign-in
      // role change: a unit admin demoted to handler loses staffUsers at once
      const unitAdmin = await g.staff(['UNIT_ADMIN'], unitA.id);
      await g.staff(['UNIT_HANDLER'], unitA.id);
      await g.staff(['UNIT_HANDLER'], unitB.id);
      const listA = await t.gql(STAFF_USERS, {}, unitAdmin.token);
      expect(listA.data.staffUsers.edges.every((e: any) => e.node.unitId === unitA.id)).toBe(true);
      // unit change: the same token now lists unit B
      expect(code(await t.gql(UPDATE, { i: { id: unitAdmin.id, unitId: unitB.id } }, admin.token))).toBe('OK');
      const listB = await t.gql(STAFF_USERS, {}, unitAdmin.token);
      expect(listB.data.staffUsers.totalCount).toBeGreaterThan(0);
      expect(listB.data.staffUsers.edges.every((e: any) => e.node.unitId === unitB.id)).toBe(true);
      expect(code(await t.gql(UPDATE, { i: { id: unitAdmin.id, roles: ['UNIT_HANDLER'] } }, admin.token))).toBe('OK');
      expect(code(await t.gql(STAFF_USERS, {}, unitAdmin.token))).toBe('FORBIDDEN');
      expect((await t.gql(ME, {}, unitAdmin.token)).data.me).toMatchObject({ roles: ['UNIT_HANDLER'], unitId: unitB.id });
      // password change: the old token ends, the returned one works
      const me = await g.staff(['COORDINATOR']);
      expect(code(await t.gql(CHANGE_PASSWORD, { i: { currentPassword: 'not my password', newPassword: 'a brand new password 1' } }, me.token))).toBe('BAD_USER_INPUT');
      const changed = await t.gql(CHANGE_PASSWORD, { i: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password 1' } }, me.token);
      expect(code(changed)).toBe('OK');
      expect(code(await t.gql(ME, {}, me.token))).toBe('UNAUTHENTICATED');
      expect(code(await t.gql(ME, {}, changed.data.changeMyPassword.accessToken))).toBe('OK');
      expect(code(await login(me.username, TEST_PASSWORD))).toBe('UNAUTHENTICATED');
      expect(code(await login(me.username, 'a brand new password 1'))).toBe('OK');
      // resident deletion
      const resident = await g.resident({ phone: freshPhone() });
      expect(code(await t.gql(graphql(`mutation IdentityDeleteMyAccount { deleteMyAccount(input: { confirm: true }) { deleted } }`), {}, resident.token))).toBe('OK');
      expect(code(await t.gql(ME, {}, resident.token))).toBe('UNAUTHENTICATED');
    });
  });

  describe('§4 staff accounts', () => {
    it('an admin onboards a staff member: a code goes to their phone (never to the caller), they set a password and sign in; all audited', async () => {
      const admin = await g.staff(['ADMIN']);
      const unit = await g.unit();
      const phone = freshPhone();
      const username = `new.${randomBytes(3).toString('hex')}`;
      const created = await t.gql(CREATE, { i: { username: `  ${username.toUpperCase()} `, displayName: '新同事', roles: ['UNIT_HANDLER'], unitId: unit.id, phone } }, admin.token);
      expect(code(created)).toBe('OK');
      expect(created.data.createStaffUser).toMatchObject({ codeSent: true, staffUser: { username, roles: ['UNIT_HANDLER'], unitId: unit.id, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}` } });
      const setCode = setPasswordCodeFor(t, phone);
      expect(created.body).not.toContain(setCode);
      // no password until the code is redeemed
      expect(code(await login(username, TEST_PASSWORD))).toBe('UNAUTHENTICATED');
      expect(code(await t.gql(SET_PASSWORD, { i: { username, code: 'WRONGCODE1', newPassword: 'my own new password' } }))).toBe('UNAUTHENTICATED');
      expect(code(await t.gql(SET_PASSWORD, { i: { username, code: setCode, newPassword: 'short' } }))).toBe('BAD_USER_INPUT');
      const set = await t.gql(SET_PASSWORD, { i: { username, code: setCode, newPassword: 'my own new password' } });
      expect(code(set)).toBe('OK');
      expect(code(await t.gql(ME, {}, set.data.setPasswordWithCode.accessToken))).toBe('OK');
      expect(code(await t.gql(SET_PASSWORD, { i: { username, code: setCode, newPassword: 'another new password' } }))).toBe('UNAUTHENTICATED'); // single use
      expect(code(await login(username, 'my own new password'))).toBe('OK');
      // a reset ends the password and the sessions, and sends a new code
      const id = created.data.createStaffUser.staffUser.id as number;
      const session = (await login(username, 'my own new password')).data.login.accessToken;
      expect(code(await t.gql(RESET, { i: { id } }, admin.token))).toBe('OK');
      expect(code(await t.gql(ME, {}, session))).toBe('UNAUTHENTICATED');
      expect(code(await login(username, 'my own new password'))).toBe('UNAUTHENTICATED');
      const again = setPasswordCodeFor(t, phone);
      expect(again).not.toBe(setCode);
      expect(code(await t.gql(SET_PASSWORD, { i: { username, code: again.toLowerCase(), newPassword: 'my third new password' } }))).toBe('OK');
      const audit = await t.dataSource.getRepository(StaffAuditEventEntity).find({ where: { targetStaffId: id }, order: { id: 'ASC' } });
      expect(audit.map((a) => a.action)).toEqual(['CREATED', 'PASSWORD_SET', 'PASSWORD_RESET', 'PASSWORD_SET']);
      expect(audit[0]!.actorStaffId).toBe(admin.id);
      expect(JSON.stringify(audit)).not.toContain(setCode);
      expect(JSON.stringify(audit)).not.toContain(again);
    });

    it('a unit admin manages only their own unit’s handlers and grants nothing above a handler', async () => {
      const [unitA, unitB] = [await g.unit(), await g.unit()];
      const ua = await g.staff(['UNIT_ADMIN'], unitA.id);
      const input = (over: Partial<CreateStaffUserInput>): { i: CreateStaffUserInput } => ({ i: { username: `h.${randomBytes(3).toString('hex')}`, displayName: '经办人', roles: ['UNIT_HANDLER'], unitId: unitA.id, phone: freshPhone(), ...over } });
      const mine = await t.gql(CREATE, input({}), ua.token);
      expect(code(mine)).toBe('OK');
      expect(code(await t.gql(CREATE, input({ unitId: unitB.id }), ua.token))).toBe('FORBIDDEN');
      for (const roles of [['UNIT_ADMIN'], ['COORDINATOR'], ['ADMIN'], ['UNIT_HANDLER', 'AUDITOR']] satisfies StaffRole[][]) expect(code(await t.gql(CREATE, input({ roles }), ua.token))).toBe('FORBIDDEN');
      const handlerId = mine.data.createStaffUser.staffUser.id;
      expect(code(await t.gql(UPDATE, { i: { id: handlerId, roles: ['UNIT_ADMIN'] } }, ua.token))).toBe('FORBIDDEN');
      expect(code(await t.gql(UPDATE, { i: { id: handlerId, unitId: unitB.id } }, ua.token))).toBe('FORBIDDEN');
      expect(code(await t.gql(UPDATE, { i: { id: handlerId, displayName: '经办人甲' } }, ua.token))).toBe('OK');
      const otherHandler = await g.staff(['UNIT_HANDLER'], unitB.id);
      const peer = await g.staff(['UNIT_ADMIN'], unitA.id);
      for (const target of [otherHandler.id, peer.id]) {
        expect(code(await t.gql(SET_ACTIVE, { i: { id: target, active: false } }, ua.token))).toBe('FORBIDDEN');
        expect(code(await t.gql(RESET, { i: { id: target } }, ua.token))).toBe('FORBIDDEN');
      }
      expect(code(await t.gql(SET_ACTIVE, { i: { id: handlerId, active: false } }, ua.token))).toBe('OK');
      expect(code(await t.gql(SET_ACTIVE, { i: { id: ua.id, active: false } }, ua.token))).toBe('FORBIDDEN');
      const events = await t.dataSource.getRepository(StaffAuditEventEntity).find({ where: { targetStaffId: handlerId } });
      expect(events.map((e) => e.action).sort()).toEqual(['CREATED', 'DEACTIVATED', 'UPDATED']);
      expect((await t.dataSource.getRepository(StaffUserEntity).findOneByOrFail({ id: otherHandler.id })).active).toBe(true);
    });
  });
});

describe(describeDb('/metrics in production'), () => {
  const production = (extra: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(24).toString('hex'),
    WEBHOOK_URL: 'http://127.0.0.1:9/sms',
    WEBHOOK_SECRET: randomBytes(24).toString('hex'),
    ...extra,
  });

  it('answers only with the metrics token; without one configured, not at all', async () => {
    const token = randomBytes(24).toString('hex');
    const withToken = (await startTestApp('metrics-token', production({ METRICS_TOKEN: token })))!;
    const without = (await startTestApp('metrics-none', production()))!;
    try {
      expect((await fetch(`${withToken.baseUrl}/metrics`)).status).toBe(401);
      expect((await fetch(`${withToken.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(`${withToken.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('civicloop_http_request_duration_seconds');
      expect((await fetch(`${without.baseUrl}/metrics`)).status).toBe(404);
      expect((await fetch(`${without.baseUrl}/health`)).status).toBe(200);
    } finally {
      await withToken.close();
      await without.close();
    }
  });
});
