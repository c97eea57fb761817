import { readFileSync, writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// The committed schema.gql is the API contract. `npm run schema:generate` rewrites it.
const SCHEMA_FILE = new URL('../../schema.gql', import.meta.url);

describe('GraphQL schema', () => {
  let t: TestApp | null;
  beforeAll(async () => {
    t = await startTestApp('schema');
  });
  afterAll(async () => t?.close());

  it('matches the committed schema.gql', () => {
    if (!t) return;
    const printed = printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(printed).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
