import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../../src/suggestions/timeline-event.entity.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_DB } from '../helpers/test-db.js';
import { withStatements } from '../helpers/sql-statements.js';
import { graphql } from '../gql/index.js';

// Issue 16: a submission's round trips to the database, counted through the whole request
// (token → account, GraphQL, intake) once the account and the campaign are warm, as on a busy
// day. Every statement TypeORM sends passes its logger, so this counts what the server sees.

const SUBMIT = graphql(`mutation SubmitStatementsSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { replayed suggestion { id trackingNumber status } } }`);

/** What one statement is, for reading a failure: the verb and the table. */
function shapeOf(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const verb = /^(\w+(?: TRANSACTION)?)/i.exec(s)?.[1]?.toUpperCase() ?? s;
  const table = /\b(?:FROM|INTO|UPDATE)\s+[`"]?(\w+)/i.exec(s)?.[1];
  return table ? `${verb} ${table}${/FOR UPDATE/i.test(s) ? ' FOR UPDATE' : ''}` : verb;
}

/**
 * The statements without the reads that refill the two short caches (the account before the
 * transaction, the open campaign after the lock): they keep an entry 5 s, which a loaded machine can
 * spend between two requests of this test (the caches themselves: hot-reads.medium-spec.ts and
 * token-revocation-instances.e2e-spec.ts). A refill may show once each, in its own place, nowhere else.
 */
function withoutCacheRefills(statements: string[]): string[] {
  const rest = [...statements];
  if (rest[0] === 'SELECT residents') rest.shift();
  if (rest[2] === 'SELECT campaigns') rest.splice(2, 1);
  return rest;
}

describe(describeDb('submit: statements per request'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('submit_sql'))!;
  });
  afterAll(async () => t?.close());

  /** The statements the data source runs while `work` runs, each as its verb and table. */
  async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const { result, statements } = await withStatements(t.dataSource, work);
    return { result, statements: statements.map(shapeOf) };
  }

  it('a warm submission is one transaction of eight statements, nothing read before it; a replay stops at the unique key', async () => {
    if (!t) return;
    const g = given(t);
    const campaign = await g.campaign();
    const r = await g.resident();
    const input = () => ({ campaignId: campaign.id, title: '建议增设公交站', body: '小区门口没有公交站，老人出行不便，建议增设。', category: campaign.categories[0], consentToPublish: true, idempotencyKey: idempotencyKey() });
    // Warm-up: the account and the open campaign are read once and then kept (5 s).
    expect((await t.gql(SUBMIT, { input: input() }, r.token)).errors).toBeUndefined();

    const fresh = input();
    const warm = await statementsOf(() => t.gql(SUBMIT, { input: fresh }, r.token));
    expect(warm.result.errors).toBeUndefined();
    expect(warm.result.data.submitSuggestion.replayed).toBe(false);
    // Lock the author, count today's, insert the row, its search text, its first timeline event
    // and the resident's notice, inside one transaction; nothing read before it.
    // (Before issue 16's work: 9 on MariaDB, 11 on SQLite — a read by idempotency key before the
    // transaction, and on SQLite a SELECT reading the new row back and a DELETE before the search
    // row's INSERT.) SQLite has no row locks: its transactions run one at a time.
    const sqlite = TEST_DB === 'sqlite';
    expect(withoutCacheRefills(warm.statements)).toEqual([
      sqlite ? 'BEGIN TRANSACTION' : 'START TRANSACTION',
      sqlite ? 'SELECT residents' : 'SELECT residents FOR UPDATE',
      'SELECT suggestions', // today's count, for the daily cap
      'INSERT suggestions',
      'INSERT suggestion_search',
      'INSERT timeline_events',
      'INSERT outbox_messages',
      'COMMIT',
    ]);

    // The same key again: the insert meets the unique key, the transaction rolls back, and the
    // earlier row answers. Nothing new is written.
    const again = await statementsOf(() => t.gql(SUBMIT, { input: fresh }, r.token));
    expect(again.result.data.submitSuggestion).toEqual({ ...warm.result.data.submitSuggestion, replayed: true });
    expect(withoutCacheRefills(again.statements)).toEqual([...withoutCacheRefills(warm.statements).slice(0, 4), 'ROLLBACK', 'SELECT suggestions']);
    expect(await t.dataSource.getRepository(SuggestionEntity).countBy({ authorId: r.id })).toBe(2);
    const id = warm.result.data.submitSuggestion.suggestion.id as number;
    expect(await t.dataSource.getRepository(TimelineEventEntity).countBy({ suggestionId: id })).toBe(1);
    const notices = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'notice.resident' });
    expect(notices.filter((n) => (n.payload as { suggestionId: number }).suggestionId === id)).toHaveLength(1);
  });
});
