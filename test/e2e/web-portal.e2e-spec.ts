import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';

// The api serves the built portal (history fallback, cache headers) and accepts the portal's
// HttpOnly session cookie as a second source of the same token, CSRF rule unchanged.
describe(describeDb('web portal: static files and cookie session'), () => {
  let t: TestApp;
  const dist = mkdtempSync(join(tmpdir(), 'civicloop-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>portal</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  // The build writes .gz/.br beside each text asset (web/vite.config.ts); different bodies show which was sent.
  writeFileSync(join(dist, 'assets', 'app-def456.js'), 'console.log("plain")');
  writeFileSync(join(dist, 'assets', 'app-def456.js.gz'), gzipSync('console.log("precompressed")'));
  beforeAll(async () => {
    t = (await startTestApp('web', { WEB_DIST_DIR: dist }))!;
  });
  afterAll(async () => t?.close());

  // Real HTTP (fetch) against the listening app: what a browser sends and gets.
  async function inject(o: { method: string; url: string; headers?: Record<string, string>; payload?: unknown }) {
    const res = await fetch(`${t.baseUrl}${o.url}`, {
      method: o.method, headers: o.headers, redirect: 'manual',
      body: o.payload === undefined ? undefined : typeof o.payload === 'string' ? o.payload : JSON.stringify(o.payload),
    });
    const body = await res.text();
    return { statusCode: res.status, headers: { 'cache-control': res.headers.get('cache-control'), 'set-cookie': res.headers.get('set-cookie') }, body, json: () => JSON.parse(body) };
  }

  it('serves index.html for client routes (no-cache), hashed assets for a year, and 404s for api paths', async () => {
    if (!t) return;
    for (const url of ['/', '/suggestions/JY20260000004', '/me']) {
      const r = await inject({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml' } });
      expect([url, r.statusCode, r.headers['cache-control']]).toEqual([url, 200, 'no-cache']);
      expect(r.body).toContain('<title>portal</title>');
    }
    // An API client asking for a path no page or route has gets the api's JSON 404, not the page.
    const notAPage = await inject({ method: 'GET', url: '/no-such-route', headers: { accept: 'application/json' } });
    expect([notAPage.statusCode, notAPage.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const asset = await inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: '/graphql/nothing' })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: '/exports/nothing' })).statusCode).toBe(404);
    // Encoded traversal stays inside the build folder.
    for (const url of ['/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd', '/..%2F..%2Fetc%2Fpasswd', '/assets/%2e%2e/%2e%2e/etc/passwd']) {
      expect((await inject({ method: 'GET', url })).body).not.toContain('root:');
    }
  });

  it('serves the precompressed file to a client that accepts it, the plain one otherwise', async () => {
    if (!t) return;
    const gz = await fetch(`${t.baseUrl}/assets/app-def456.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect([gz.status, gz.headers.get('content-encoding'), gz.headers.get('cache-control')]).toEqual([200, 'gzip', 'public, max-age=31536000, immutable']);
    expect(gz.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await gz.text()).toBe('console.log("precompressed")');
    const plain = await fetch(`${t.baseUrl}/assets/app-def456.js`, { headers: { 'accept-encoding': 'identity' } });
    expect([plain.status, plain.headers.get('content-encoding')]).toEqual([200, null]);
    expect(await plain.text()).toBe('console.log("plain")');
  });

  it('signs in with a cookie the page cannot read, verifies it like the header, and signs out', async () => {
    if (!t) return;
    const phone = '13712345678';
    await t.gql(graphql(`mutation WebPortalRequestLoginCode($i: RequestLoginCodeInput!) { requestLoginCode(input: $i) { sent } }`), { i: { phone } });
    const signIn = await inject({
      method: 'POST', url: '/graphql',
      headers: { 'content-type': 'application/json', 'x-civicloop-session': 'cookie' },
      payload: { query: 'mutation($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken expiresInSeconds } }', variables: { i: { phone, code: t.lastCodeFor(phone) } } },
    });
    expect(signIn.json().data.signInWithCode.accessToken).toBe('');
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^civicloop_session=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;

    const me = await inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', cookie }, payload: { query: '{ me { kind } }' } });
    expect(me.json().data.me.kind).toBe('RESIDENT');
    // CSRF: a simple (form-like) request carrying the cookie is refused before GraphQL runs.
    const simple = await inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'text/plain', cookie }, payload: JSON.stringify({ query: '{ me { kind } }' }) });
    expect(simple.statusCode).toBe(400);
    // A bad cookie is refused like a bad header, and cleared.
    const bad = await inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', cookie: 'civicloop_session=not.a.token' }, payload: { query: '{ campaigns { totalCount } }' } });
    expect(bad.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(String(bad.headers['set-cookie'])).toMatch(/civicloop_session=;.*Max-Age=0/);

    const out = await inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', cookie }, payload: { query: 'mutation { signOut }' } });
    expect(out.json().data.signOut).toBe(true);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
  });
});
