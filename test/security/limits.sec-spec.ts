import { GraphQLSchemaHost } from '@nestjs/graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Lexer,
  parse,
  Source,
  TokenKind,
  validate,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { QUERY_LIMITS, queryCost } from '../../src/graphql/limits.js';
import { ACCESS_TABLE } from './access-table.js';
import { prepareCell } from './lib/authz.js';
import { rootOperations, type RootOperation } from './lib/schema-ops.js';
import { startSecurityApp, type GqlResponse, type SecurityApp } from './lib/security-app.js';
import { buildWorld, type World } from './lib/world.js';

// Issue 8 §2: each GraphQL limit at the limit and one past it, on the running app.
describe('GraphQL limits', () => {
  let t: SecurityApp;
  let schema: GraphQLSchema;
  let world: World;
  beforeAll(async () => {
    t = (await startSecurityApp('limits'))!;
    schema = t.app.get(GraphQLSchemaHost).schema;
    world = await buildWorld(t);
  }, 120_000);
  afterAll(async () => t?.close());

  const refusedAsInvalid = (res: GqlResponse, pattern: RegExp) => {
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(pattern);
  };
  const accepted = (res: GqlResponse) => {
    expect({ status: res.status, errors: res.errors }).toEqual({ status: 200, errors: undefined });
  };

  it(`depth: ${QUERY_LIMITS.maxDepth} levels pass, ${QUERY_LIMITS.maxDepth + 1} are refused`, async () => {
    // Nested inline fragments add a level each (graphql-armor counts them), whatever the schema's shape.
    const nested = (levels: number) => `{ units(first: 1) { ${'... on UnitConnection { '.repeat(levels)}totalCount${' }'.repeat(levels)} } }`;
    const depthOf = (query: string) => {
      let depth = -1;
      const rule = maxDepthRule({ n: 1000, onAccept: [(_: unknown, d: { n: number }) => (depth = d.n)] } as never) as unknown as ValidationRule;
      validate(schema, parse(query), [rule]);
      return depth;
    };
    const atLimit = nested(QUERY_LIMITS.maxDepth - 2);
    const pastLimit = nested(QUERY_LIMITS.maxDepth - 1);
    expect(depthOf(atLimit)).toBe(QUERY_LIMITS.maxDepth);
    expect(depthOf(pastLimit)).toBe(QUERY_LIMITS.maxDepth + 1);
    accepted(await t.gql(atLimit));
    refusedAsInvalid(await t.gql(pastLimit), /depth limit/i);
  });

  it(`aliases: ${QUERY_LIMITS.maxAliases} pass, ${QUERY_LIMITS.maxAliases + 1} are refused`, async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: units(first: 1) { totalCount }`).join(' ')} }`;
    accepted(await t.gql(aliased(QUERY_LIMITS.maxAliases)));
    refusedAsInvalid(await t.gql(aliased(QUERY_LIMITS.maxAliases + 1)), /aliases/i);
  });

  describe(`cost: ${QUERY_LIMITS.maxCost} passes, ${QUERY_LIMITS.maxCost + 1} is refused`, () => {
    // Full pages of units, one shorter page, then single fields at the root to land exactly on
    // the target (graphql-js' own overlap check bounds how many repeated fields a query may have).
    const NODE = 'edges { node { id code name kind parentId active } }';
    const costOf = (query: string, variables: Record<string, unknown> = {}) => queryCost(schema, parse(query), variables);
    const withCost = (target: number, first: string, header = '', variables: Record<string, unknown> = {}) => {
      const fullPages = Array.from({ length: 12 }, (_, i) => `p${i}: units(first: ${first}) { ${NODE} }`).join(' ');
      const perItem = costOf(`{ units(first: 2) { ${NODE} } }`) - costOf(`{ units(first: 1) { ${NODE} } }`);
      const rest = target - costOf(`query${header} { ${fullPages} }`, variables);
      const shortPage = Math.floor((rest - 1) / perItem);
      const build = (pad: number) => `query${header} { ${fullPages} tail: units(first: ${shortPage}) { ${NODE} } ${'__typename '.repeat(pad)}}`;
      const pad = target - costOf(build(0), variables);
      const query = build(pad);
      expect(pad).toBeGreaterThanOrEqual(0);
      expect(costOf(query, variables)).toBe(target);
      return query;
    };
    it('with the page size written in the query', async () => {
      accepted(await t.gql(withCost(QUERY_LIMITS.maxCost, '100')));
      refusedAsInvalid(await t.gql(withCost(QUERY_LIMITS.maxCost + 1, '100')), /cost limit/i);
    });
    it('with the page size passed as a variable (counted the same)', async () => {
      const vars = { n: 100 };
      accepted(await t.gql(withCost(QUERY_LIMITS.maxCost, '$n', '($n: Int!)', vars), vars));
      refusedAsInvalid(await t.gql(withCost(QUERY_LIMITS.maxCost + 1, '$n', '($n: Int!)', vars), vars), /cost limit/i);
    });
    it('with the page size left to its default', () => {
      // `first` defaults to 20: an omitted page size is not a free one.
      expect(queryCost(schema, parse('{ units { edges { node { id } } } }'))).toBe(1 + 20 * (1 + (1 + 1)));
    });
  });

  it(`tokens: ${QUERY_LIMITS.maxTokens} pass, ${QUERY_LIMITS.maxTokens + 1} are refused`, async () => {
    // A long list literal: parsed and executed (then refused as anonymous) at the limit, refused at parse past it.
    const ofTokens = (n: number) => {
      const doc = (k: number) => `mutation { assignSuggestion(input: { suggestionIds: [${'1 '.repeat(k)}], leadUnitId: 1 }) { __typename } }`;
      const k = n - countTokens(doc(0));
      expect(countTokens(doc(k))).toBe(n);
      return doc(k);
    };
    const atLimit = await t.gql(ofTokens(QUERY_LIMITS.maxTokens));
    expect({ status: atLimit.status, code: atLimit.errors?.[0]?.extensions?.code }).toEqual({ status: 200, code: 'UNAUTHENTICATED' });
    const past = await t.gql(ofTokens(QUERY_LIMITS.maxTokens + 1));
    expect(past.status).toBe(400);
    expect(past.errors?.[0]?.message).toMatch(/tokens/);
  });

  it('a query sent as a JSON-encoded syntax tree is refused, not crashed on', async () => {
    for (const query of ['{"kind":"Document","definitions":[{"kind":"Foo"}]}', '[1,2]', 'null', '123']) {
      const res = await t.gql(query);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
  });

  it('every paginated field takes first ≤ 100: 100 passes, 101 is refused (walks the schema)', async () => {
    const paginated = rootOperations(schema).filter((op) => op.field.args.some((a) => a.name === 'first'));
    expect(paginated.length).toBeGreaterThan(3);
    for (const op of paginated.filter((o) => ACCESS_TABLE[o.key])) {
      const first = op.field.args.find((a) => a.name === 'first')!;
      expect(getNamedType(first.type).name).toBe('Int');
      const call = async (n: number) => {
        const cell = await prepareCell(t, world, op, ACCESS_TABLE[op.key]!, ACCESS_TABLE[op.key]!.allow[0]!, { overrides: { first: n }, selection: '{ __typename }' });
        return t.gql(cell.query, cell.variables, { token: cell.token });
      };
      const ok = await call(100);
      expect({ op: op.key, errors: ok.errors?.filter((e) => e.extensions?.field === 'first') ?? [] }).toEqual({ op: op.key, errors: [] });
      const over = await call(101);
      expect({ op: op.key, code: over.errors?.[0]?.extensions?.code, field: over.errors?.[0]?.extensions?.field }).toEqual({ op: op.key, code: 'BAD_USER_INPUT', field: 'first' });
    }
    // Nested fields with a page size: each is declared with its bound and checked here, at it and one past.
    const nestedPaginated = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__') && type !== schema.getQueryType() && type !== schema.getMutationType())
      .flatMap((type) => Object.values((type as import('graphql').GraphQLObjectType).getFields()).filter((f) => f.args.some((a) => a.name === 'first')).map((f) => `${type.name}.${f.name}`));
    expect(nestedPaginated.sort()).toEqual(Object.keys(NESTED_PAGES).sort());
    for (const [key, page] of Object.entries(NESTED_PAGES)) {
      const call = (n: number) => t.gql(page.query, { first: n }, { token: world.staff[page.as].token });
      const ok = await call(page.max);
      expect({ key, errors: ok.errors ?? [] }).toEqual({ key, errors: [] });
      const over = await call(page.max + 1);
      expect({ key, code: over.errors?.[0]?.extensions?.code, field: over.errors?.[0]?.extensions?.field }).toEqual({ key, code: 'BAD_USER_INPUT', field: 'first' });
    }
  }, 120_000);

  it('root lists without pagination are few, named, and bounded by nature', () => {
    // A list at the root grows with the data unless it is a connection; these are small by design.
    const BOUNDED_LISTS: Record<string, string> = {
      'Query.calendarDays': 'one year of holidays and make-up days (~40)',
      'Query.replyTemplates': 'templates the office and units keep (tens)',
      'Query.routingRules': 'routing rules the office keeps (tens)',
      'Query.failedJobs': 'takes a limit argument, capped',
    };
    const lists = rootOperations(schema)
      .filter((op) => op.kind === 'query')
      .filter((op) => isListType(isNonNullType(op.field.type) ? op.field.type.ofType : op.field.type))
      .map((op) => op.key);
    expect(lists.filter((k) => !BOUNDED_LISTS[k])).toEqual([]);
  });

  it('every string input is bounded: 50,000 characters are refused as BAD_USER_INPUT (walks the schema)', async () => {
    const huge = 'x'.repeat(50_000);
    const unbounded: string[] = [];
    for (const op of rootOperations(schema)) {
      const row = ACCESS_TABLE[op.key];
      if (!row) continue;
      for (const path of stringInputPaths(op)) {
        const overrides = overrideAt(path, huge);
        const cell = await prepareCell(t, world, op, row, row.allow.includes('anonymous') ? 'anonymous' : row.allow[0]!, { overrides, selection: '{ __typename }' });
        setAt(cell.variables, path, huge);
        const res = await t.gql(cell.query, cell.variables, { token: cell.token });
        const { code, field } = res.errors?.[0]?.extensions ?? {};
        // The refusal must name this field (graphql-js' coercion errors name the variable path).
        const named = typeof field === 'string' && field.split('.').includes(leafName(path));
        if (code !== 'BAD_USER_INPUT' || !(named || res.errors?.[0]?.message.includes(leafName(path)))) {
          unbounded.push(`${op.key} ${path.join('.')}: ${code ?? 'accepted'} ${field ?? ''} ${res.errors?.[0]?.message.slice(0, 80) ?? ''}`);
        }
      }
    }
    expect(unbounded).toEqual([]);
  }, 300_000);

  it('every list input is bounded: 1,000 elements are refused as BAD_USER_INPUT (walks the schema)', async () => {
    const unbounded: string[] = [];
    for (const op of rootOperations(schema)) {
      const row = ACCESS_TABLE[op.key];
      if (!row) continue;
      for (const { path, element } of listInputPaths(op)) {
        const cell = await prepareCell(t, world, op, row, row.allow.includes('anonymous') ? 'anonymous' : row.allow[0]!, { selection: '{ __typename }' });
        const current = getAt(cell.variables, path);
        const sample = Array.isArray(current) && current.length ? current[0] : element;
        setAt(cell.variables, path, Array.from({ length: 1000 }, () => sample));
        const res = await t.gql(cell.query, cell.variables, { token: cell.token });
        const { code, field } = res.errors?.[0]?.extensions ?? {};
        const named = typeof field === 'string' && field.split('.').includes(leafName(path));
        if (code !== 'BAD_USER_INPUT' || !named) unbounded.push(`${op.key} ${path.join('.')}: ${code ?? 'accepted'} ${field ?? ''} ${res.errors?.[0]?.message.slice(0, 80) ?? ''}`);
      }
    }
    expect(unbounded).toEqual([]);
  }, 300_000);

  it('input sizes at the limit: a 100-character title and a 5,000-character body are accepted, one more is refused', async () => {
    const submit = rootOperations(schema).find((o) => o.key === 'Mutation.submitSuggestion')!;
    const run = async (title: string, body: string) => {
      const cell = await prepareCell(t, world, submit, ACCESS_TABLE[submit.key]!, 'otherResident', { selection: '{ replayed }' });
      (cell.variables.input as Record<string, unknown>).title = title;
      (cell.variables.input as Record<string, unknown>).body = body;
      return t.gql(cell.query, cell.variables, { token: cell.token });
    };
    expect((await run('题'.repeat(100), '文'.repeat(5000))).errors).toBeUndefined();
    expect((await run('题'.repeat(101), '文'.repeat(50))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect((await run('题', '文'.repeat(5001))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
  });

  it(`body size: ${QUERY_LIMITS.maxBodyBytes} bytes pass, one more byte is refused with 413`, async () => {
    const ofBytes = (n: number) => {
      const shell = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
      return shell.replace('"pad":""', `"pad":"${'x'.repeat(n - Buffer.byteLength(shell))}"`);
    };
    expect(Buffer.byteLength(ofBytes(QUERY_LIMITS.maxBodyBytes))).toBe(QUERY_LIMITS.maxBodyBytes);
    const ok = await t.post(ofBytes(QUERY_LIMITS.maxBodyBytes));
    expect(ok.status).toBe(200);
    const over = await t.post(ofBytes(QUERY_LIMITS.maxBodyBytes + 1));
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses batched HTTP requests without running any of them', async () => {
    const phone = '17000000001';
    const op = { query: 'mutation($p: String!) { requestLoginCode(input: { phone: $p }) { sent } }', variables: { p: phone } };
    const res = await t.post(JSON.stringify([op, op]));
    expect(res.status).toBe(400);
    expect(() => t.lastCodeFor(phone)).toThrow(/no code/);
  });

  describe('CSRF prevention', () => {
    const mutation = (phone: string) => JSON.stringify({ query: `mutation { requestLoginCode(input: { phone: "${phone}" }) { sent } }` });
    it('refuses a simple text/plain or form POST without a custom header, and runs nothing', async () => {
      for (const [contentType, phone] of [
        ['text/plain', '17000000002'],
        ['application/x-www-form-urlencoded', '17000000003'],
        ['multipart/form-data; boundary=x', '17000000004'],
      ] as const) {
        const res = await t.post(mutation(phone), { headers: { 'content-type': contentType } });
        expect({ contentType, status: res.status }).toEqual({ contentType, status: 400 });
        expect(() => t.lastCodeFor(phone)).toThrow(/no code/);
      }
    });
    it('refuses a GET without the preflight header', async () => {
      const res = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`);
      expect(res.status).toBe(400);
    });
    it('accepts JSON, and a GET that carries the custom header', async () => {
      expect((await t.post(mutation('17000000005'))).status).toBe(200);
      expect(t.lastCodeFor('17000000005')).toMatch(/^\d{6}$/);
      const res = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'mercurius-require-preflight': '1' } });
      expect(res.status).toBe(200);
    });
  });

  it('sends no malformed request to the 5xx range and shows no internals', () => {
    expect(t.status5xx).toBe(0);
    expect(t.leaks.findings).toEqual([]);
  });
});

// ---- schema walking helpers for input sizes ----

type Path = (string | number)[];

/** Lexical tokens as graphql-js' parser counts them (punctuators, names, values; no commas or comments). */
function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

function inputLeaves(type: GraphQLInputType, path: Path, visit: (path: Path, type: GraphQLInputType) => void, seen = new Set<string>()): void {
  const inner = isNonNullType(type) ? type.ofType : type;
  visit(path, inner);
  if (isListType(inner)) return;
  if (isInputObjectType(inner)) {
    if (seen.has(inner.name)) return;
    for (const f of Object.values(inner.getFields())) inputLeaves(f.type, [...path, f.name], visit, new Set([...seen, inner.name]));
  }
}

function stringInputPaths(op: RootOperation): Path[] {
  const out: Path[] = [];
  for (const arg of op.field.args) {
    inputLeaves(arg.type, [arg.name], (path, type) => {
      if (isScalarType(type) && type.name === 'String') out.push(path);
      if (isListType(type)) {
        const el = getNamedType(type);
        if (isScalarType(el) && el.name === 'String') out.push([...path, 0]);
      }
    });
  }
  return out;
}

/** Page-sized fields below the root, with their bound and a query that reaches them. */
const NESTED_PAGES: Record<string, { max: number; as: keyof World['staff']; query: string }> = {
  'Suggestion.possibleDuplicates': {
    max: 20,
    as: 'coordinator',
    query: 'query($first: Int!) { screeningQueue(first: 1) { edges { node { id possibleDuplicates(first: $first) { id } } } } }',
  },
};

function listInputPaths(op: RootOperation): { path: Path; element: unknown }[] {
  const out: { path: Path; element: unknown }[] = [];
  for (const arg of op.field.args) {
    inputLeaves(arg.type, [arg.name], (path, type) => {
      if (!isListType(type)) return;
      const el = getNamedType(type);
      const element = isEnumType(el) ? el.getValues()[0]!.name : isScalarType(el) ? (el.name === 'Int' ? 1 : el.name === 'Boolean' ? true : '测试') : {};
      out.push({ path, element });
    });
  }
  return out;
}

function overrideAt(path: Path, value: unknown): Record<string, unknown> {
  // Names the leaf so the generator fills nullable fields too; setAt then puts it in place.
  const leaf = [...path].reverse().find((p) => typeof p === 'string') as string;
  return path.length === 1 ? { [leaf]: value } : { [leaf]: typeof path.at(-1) === 'number' ? [value] : value };
}

function leafName(path: Path): string {
  return [...path].reverse().find((p) => typeof p === 'string') as string;
}

function getAt(root: Record<string, unknown>, path: Path): unknown {
  let cur: unknown = root;
  for (const p of path) cur = (cur as Record<string | number, unknown> | undefined)?.[p];
  return cur;
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let cur: Record<string | number, unknown> = root;
  for (const [i, p] of path.entries()) {
    if (i === path.length - 1) {
      cur[p] = value;
      return;
    }
    if (cur[p] === undefined || cur[p] === null) cur[p] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[p] as Record<string | number, unknown>;
  }
}

describe('cursors', () => {
  let t: SecurityApp;
  let world: World;
  beforeAll(async () => {
    t = (await startSecurityApp('cursors'))!;
    world = await buildWorld(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('refuses forged cursors as BAD_USER_INPUT on every paginated query (never a database error)', async () => {
    const forged = ['not-a-cursor', '[1e309, 1]', '["x", 1.5]', '["not a date", 1]', `["${'x'.repeat(500)}", 1]`, '[1, 99999999999999999999]', '{"a":1}', '[]'].map((c) =>
      c.startsWith('[') || c.startsWith('{') ? Buffer.from(c).toString('base64url') : c,
    );
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const paginated = rootOperations(schema).filter((op) => op.field.args.some((a) => a.name === 'after') && ACCESS_TABLE[op.key]);
    const problems: string[] = [];
    for (const op of paginated) {
      const row = ACCESS_TABLE[op.key]!;
      for (const after of forged) {
        const cell = await prepareCell(t, world, op, row, row.allow[0]!, { overrides: { after }, selection: '{ __typename }' });
        const res = await t.gql(cell.query, cell.variables, { token: cell.token });
        const code = res.errors?.[0]?.extensions?.code;
        // A well-formed cursor of a string key only places the page somewhere; the rest are refused.
        const wellFormed = after === forged[3];
        const ok = code === 'BAD_USER_INPUT' || (wellFormed && code === undefined);
        if (!ok) problems.push(`${op.key} after=${after.slice(0, 20)}: ${code ?? 'accepted'} ${res.errors?.[0]?.message.slice(0, 80) ?? ''}`);
      }
    }
    expect(problems).toEqual([]);
    expect(t.leaks.findings).toEqual([]);
  }, 120_000);
});
