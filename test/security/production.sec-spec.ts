import { startSecurityApp, type SecurityApp } from './lib/security-app.js';

// Issue 8 §2: in production (NODE_ENV=production, real secrets) no introspection, no GraphiQL,
// no field suggestions, no stack traces. The same requests against a development app show
// what is being switched off, so these tests cannot pass vacuously.
describe('production hardening', () => {
  let prod: SecurityApp;
  let dev: SecurityApp;
  beforeAll(async () => {
    prod = (await startSecurityApp('prod', { production: true }))!;
    dev = (await startSecurityApp('dev'))!;
  }, 120_000);
  afterAll(async () => {
    await prod?.close();
    await dev?.close();
  });

  it('runs with production settings', () => {
    expect(prod.config.isProduction).toBe(true);
    expect(dev.config.isProduction).toBe(false);
  });

  it('refuses introspection in production, allows it in development', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { fields { name } } }']) {
      const res = await prod.gql(query);
      expect({ status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(res.body).toMatch(/introspection/i);
      expect(res.body).not.toContain('"Query"');
      expect((await dev.gql(query)).errors).toBeUndefined();
    }
    expect((await prod.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('serves no GraphiQL in production', async () => {
    expect((await fetch(`${prod.baseUrl}/graphiql`)).status).toBe(404);
    expect((await fetch(`${dev.baseUrl}/graphiql`)).status).toBe(200);
  });

  it('gives no field, argument or enum suggestions in production', async () => {
    const probes: [string, Record<string, unknown>?][] = [
      ['{ unit { id } }'],
      ['{ units(firts: 1) { totalCount } }'],
      ['{ units(kind: DEPARTMEN) { totalCount } }'],
      ['query($k: UnitKind) { units(kind: $k) { totalCount } }', { k: 'DEPARTMEN' }],
      ['mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { usernme: 'a', password: 'b' } }],
    ];
    for (const [query, variables] of probes) {
      const fromDev = await dev.gql(query, variables);
      expect(fromDev.body).toMatch(/Did you mean/);
      const fromProd = await prod.gql(query, variables);
      expect(fromProd.errors?.length).toBeGreaterThan(0);
      expect(fromProd.body).not.toMatch(/Did you mean/i);
    }
  });

  it('masks internal errors in production: a request id, no message, no stack, no SQL, no path', async () => {
    // Break the database under the running app so a query fails for a reason of its own.
    await prod.dataSource.query('ALTER TABLE units RENAME TO units_gone');
    try {
      const res = await prod.gql('{ units { totalCount } }');
      const error = res.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).toMatch(/^系统内部错误，请向管理员提供请求编号 [\w-]+$/);
      expect(res.body).not.toMatch(/units_gone|no such table|SQLITE|SELECT|\bat\s|\/work\/|node_modules|\.ts:\d/i);
      expect(prod.leaks.findings).toEqual([]);
      // The operator finds the real cause in the log under the same request id.
      const requestId = String(error?.extensions?.requestId);
      expect(prod.logs.some((l) => l.includes(requestId) && /no such table/.test(l))).toBe(true);
    } finally {
      await prod.dataSource.query('ALTER TABLE units_gone RENAME TO units');
    }
  });

  it('answers refused requests with their own status and no internals', async () => {
    const badJson = await prod.post('{"query": ');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    const csrf = await prod.post(JSON.stringify({ query: '{ __typename }' }), { headers: { 'content-type': 'text/plain' } });
    expect(csrf.status).toBe(400);
    expect(prod.status5xx).toBe(0);
    expect(prod.leaks.findings).toEqual([]);
  });
});
