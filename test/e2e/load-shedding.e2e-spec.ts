import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';

// Overload answers 503 with Retry-After at once instead of queueing work in memory
// (@fastify/under-pressure, SHED_LOAD_*). Here the event loop is blocked on purpose.
describe(describeDb('load shedding'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('load-shedding', { SHED_LOAD_EVENT_LOOP_DELAY_MS: '300' }))!;
  });
  afterAll(async () => t?.close());

  /** Keeps the event loop lagging ~500 ms per turn for `ms`, letting requests through between turns (well past 300 ms, which a busy CI machine alone does not reach). */
  const lagFor = async (ms: number) => {
    for (const until = Date.now() + ms; Date.now() < until; ) {
      for (const turn = Date.now() + 500; Date.now() < turn; );
      await new Promise((r) => setImmediate(r));
    }
  };

  /** Asks every half second until the answer has `wanted` status or the time is up; the last status. */
  const statusWithin = async (ms: number, wanted: number) => {
    let status = 0;
    for (const until = Date.now() + ms; status !== wanted && Date.now() < until; ) {
      status = (await t.gql(graphql(`query LoadShedding__typename { __typename }`))).status;
      if (status !== wanted) await new Promise((r) => setTimeout(r, 500));
    }
    return status;
  };

  it('answers 503 with Retry-After while the event loop lags, and serves again once it recovers', async () => {
    if (!t) return;
    // Booting (migrations, module set-up) lags the loop too: start from a calm sample.
    expect(await statusWithin(20_000, 200)).toBe(200);

    // under-pressure averages the delay over one-second samples: lag, and ask until it sheds.
    let lagging = true;
    const lag = lagFor(8000).finally(() => (lagging = false));
    let shed: Response | undefined;
    while (lagging && !shed) {
      await new Promise((r) => setTimeout(r, 250));
      const res = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      if (res.status === 503) shed = res;
    }
    await lag;
    expect(shed?.status).toBe(503);
    expect(shed!.headers.get('retry-after')).toBe('5');
    const body = (await shed!.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');

    // Once a sample shows the loop at ease again, it serves.
    expect(await statusWithin(20_000, 200)).toBe(200);
  });

  describe('a full database queue', () => {
    let small: TestApp | null = null;
    beforeAll(async () => {
      // One pooled connection and room for two waiting requests.
      small = await startTestApp('db-queue-limit', { DB_POOL_SIZE: '1', DB_QUEUE_LIMIT: '2' });
    });
    afterAll(async () => small?.close());

    it('refuses the overflow with 503 SERVICE_UNAVAILABLE and Retry-After (MariaDB), and serves once the burst is past', async () => {
      if (!small || small.config.database.type === 'sqlite') return; // SQLite has no pool
      // The only pooled connection is held by a slow statement, so the burst can only wait in the queue.
      const holding = small.dataSource.query('SELECT SLEEP(2)');
      await new Promise((r) => setTimeout(r, 200));
      const burst = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${small!.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ publicSuggestions(first: 5) { edges { node { id } } } }' }) }),
        ),
      );
      await holding;
      const statuses = burst.map((r) => r.status);
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      const refused = burst.filter((r) => r.status === 503);
      // Two may wait for the connection; every other request of the burst is refused at once.
      expect(refused.length).toBeGreaterThanOrEqual(18);
      expect(refused[0]!.headers.get('retry-after')).toBe('5');
      const body = (await refused[0]!.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect((await small.gql(graphql(`query LoadSheddingPublicSuggestions { publicSuggestions(first: 5) { edges { node { id } } } }`))).status).toBe(200);
    });
  });
});
