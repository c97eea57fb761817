import { auditServer } from 'graphql-http';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

// Issue 13 §3: GraphQL over HTTP as real clients expect, checked by the spec's own audit suite.
describe(describeDb('GraphQL over HTTP'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('gql-http'))!;
  });
  afterAll(async () => t?.close());

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('passes the graphql-http audit: no MUST failure, no SHOULD warning', async () => {
    if (!t) return;
    const results = await auditServer({ url: `${t.baseUrl}/graphql` });
    const short = results.filter((r) => r.status === 'error' || r.status === 'warn').map((r) => `${r.name}: ${r.status === 'ok' ? '' : r.reason}`);
    expect(short).toEqual([]);
    // What is left are MAYs: GETs without the CSRF preflight header are refused on purpose, and
    // Fastify's schema coerces a number `query` or `operationName` to a string before GraphQL reads it.
    const notices = results.filter((r) => r.status === 'notice').map((r) => r.name);
    expect(notices.every((name) => name.startsWith('MAY '))).toBe(true);
  });

  it('answers an Apollo Client 4 request error as application/graphql-response+json, 400, without data', async () => {
    if (!t) return;
    const res = await post(JSON.stringify({ query: '{ nope }' }), { accept: 'application/graphql-response+json,application/json;q=0.9' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const body = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect('data' in body).toBe(false);
    expect(body.errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a legacy application/json client 200 for the same request error, and keeps data on execution errors', async () => {
    if (!t) return;
    const invalid = await post(JSON.stringify({ query: '{ nope }' }), { accept: 'application/json' });
    expect(invalid.status).toBe(200);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/json/);
    expect('data' in ((await invalid.json()) as object)).toBe(false);
    const executed = await post(JSON.stringify({ query: '{ me { __typename } }', extensions: null }), { accept: 'application/json' });
    const body = (await executed.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(executed.status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps CSRF prevention: a simple form POST and a GET without the preflight header run nothing', async () => {
    if (!t) return;
    const form = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    const url = `${t.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    expect((await fetch(url)).status).toBe(400);
    const preflighted = await fetch(url, { headers: { 'mercurius-require-preflight': 'true', accept: 'application/graphql-response+json' } });
    expect(preflighted.status).toBe(200);
    expect(preflighted.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    // Mutations never run over GET.
    const mutation = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('mutation { __typename }')}`, { headers: { 'mercurius-require-preflight': 'true' } });
    expect(mutation.status).toBe(405);
  });
});
