import fc from 'fast-check';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { JwtService } from '@nestjs/jwt';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from 'graphql';
import { TokenService } from '../../../src/auth/token.service.js';
import { APP_CONFIG, type AppConfig } from '../../../src/config/app-config.js';
import type { AccessTable } from './authz.js';
import { prepareCell } from './authz.js';
import { rootOperations, selectionSet, type RootOperation } from './schema-ops.js';
import type { SecurityApp } from './security-app.js';
import { ACTOR_KEYS, type World } from './world.js';

// Issue 8 §4: schema-valid random operations mixed with hostile input (wrong types, huge
// strings, deep nesting, many aliases, odd Unicode, nulls, broken bodies and tokens), sent by
// several callers over HTTP to an app on 127.0.0.1. fast-check generates them from a seed, so a
// failing run can be repeated (FUZZ_SEED).

export interface FuzzFigures {
  operations: number;
  status_5xx: number;
  leaks: number;
  unhandled: number;
}

export interface FuzzResult {
  figures: FuzzFigures;
  byKind: Record<string, number>;
  /** Time spent waiting for answers, by kind (with the concurrency, more than the wall time). */
  msByKind: Record<string, number>;
  /** Requests that got a 5xx or showed internals, with what came back (the first few). */
  failures: { kind: string; status: number; request: string; response: string }[];
  seed: number;
  seconds: number;
}

interface Request {
  kind: string;
  body: string;
  headers?: Record<string, string>;
  token?: string;
  /** An audited reveal (revealContact …): its answer may show a phone number. */
  audited?: boolean;
}

/** Strings no test content may carry: a phone number or a 6-digit run read as personal data later. */
const sanitize = (s: string) => s.replace(/1[3-9]\d{9}/g, (m) => `${m.slice(0, 3)} ${m.slice(3)}`);

const ODD_UNICODE = ['\u0000', '\u202e', '\u200b', '\ufeff', '\ud800', '\udfff', '𠮷', '👩‍👩‍👧‍👦', 'é', 'Ω', '\u0301\u0301\u0301', '\\', '"', "'", '`', '${x}', '<script>alert(1)</script>', "' OR 1=1 --", '"; DROP TABLE units; --', '../../etc/passwd', '%00', '\r\n\r\n', '{{7*7}}'];

function textArb(): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom('测试内容', '这是一条足够长的测试建议内容。', 'ok', '', ' ', '2026Q3', '2026-05-01', 'JY20260000001', 'DEPARTMENT') },
      { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 3, arbitrary: fc.array(fc.constantFrom(...ODD_UNICODE), { minLength: 1, maxLength: 8 }).map((a) => a.join('')) },
      { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((n) => '长'.repeat(Math.floor(n / 3))) },
      { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 90_000 }).map((n) => 'x'.repeat(n)) },
    )
    .map(sanitize);
}

/** A value of a GraphQL input type (valid in shape; hostile in content). */
function typedArb(type: GraphQLInputType, ids: number[], depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typedArb(type.ofType, ids, depth);
  if (isListType(type)) {
    return fc.oneof(
      { weight: 5, arbitrary: fc.array(typedArb(type.ofType, ids, depth + 1), { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(typedArb(type.ofType, ids, depth + 1), { minLength: 90, maxLength: 130 }) },
    );
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = typedArb(f.type, ids, depth + 1);
    return fc.record(model, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
  }
  switch (getNamedType(type).name) {
    case 'Int':
      return fc.oneof(fc.constantFrom(...ids), fc.integer({ min: -3, max: 300 }), fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648));
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 0.5, -1, 1e308));
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return fc.oneof(fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') }).map((d) => d.toISOString()), textArb());
    default:
      return textArb();
  }
}

/** Any JSON at all, where a typed value belongs (wrong types, nulls, deep nesting). */
function wrongArb(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(null, true, 0, -1, 1.5, '', '1', [], {}, [null], { __proto__: { admin: true } }, 2 ** 53, -(2 ** 63)),
    fc.jsonValue({ maxDepth: 4 }),
    fc.integer({ min: 50, max: 3000 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n))),
    textArb(),
  );
}

export async function runFuzz(app: SecurityApp, world: World, table: AccessTable, options: { operations: number; seed?: number; concurrency?: number; log?: (line: string) => void }): Promise<FuzzResult> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const started = Date.now();
  const schema = app.app.get(GraphQLSchemaHost).schema;
  const ops = rootOperations(schema).filter((o) => table[o.key]);
  const ids = [world.shared.suggestionId, world.shared.targetId, world.unitA.id, world.unitB.id, world.campaign.id, 1, 2, 999_999];

  // Each operation's minimal valid call (shared item, default values), and its selections by depth.
  const base = new Map<string, { query: string; variables: Record<string, unknown>; selections: string[] }>();
  for (const op of ops) {
    const cell = await prepareCell(app, world, op, table[op.key]!, 'coordinator', { fixture: world.shared });
    base.set(op.key, { query: cell.query, variables: cell.variables, selections: [1, 2, 3, 4].map((d) => selectionSet(op.field.type, { depth: d })) });
  }
  const tokens = [undefined, ...ACTOR_KEYS.filter((a) => a !== 'anonymous').map((a) => world.tokenOf(a, world.shared))];
  const config = app.app.get<AppConfig>(APP_CONFIG);
  const jwt = app.app.get(JwtService);
  const forged = [
    'Bearer',
    'Bearer ',
    'Basic YWRtaW46YWRtaW4=',
    `Bearer ${'a'.repeat(3000)}`,
    // alg "none", and the right claims signed with the wrong secret
    `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"1","kind":"staff","roles":["ADMIN"]}').toString('base64url')}.`,
    `Bearer ${jwt.sign({ sub: '1', kind: 'staff', roles: ['ADMIN'] }, { secret: 'x'.repeat(40), issuer: config.jwt.issuer, audience: config.jwt.audience })}`,
    `Bearer ${jwt.sign({ sub: '1', kind: 'staff', roles: ['ADMIN'] }, { secret: config.jwt.secret, issuer: 'someone-else', audience: config.jwt.audience })}`,
    `Bearer ${jwt.sign({ sub: '1', kind: 'staff', roles: ['ADMIN'] }, { secret: config.jwt.secret, issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: -10 })}`,
    `Bearer ${jwt.sign({ sub: 'x', kind: 'resident' }, { secret: config.jwt.secret, issuer: config.jwt.issuer, audience: config.jwt.audience })}`,
    // Well-signed but without an expiry, and a staff token of an older account version (issue 12 §3).
    `Bearer ${jwt.sign({ sub: String(world.staff.admin.id), kind: 'staff', ver: 1 }, { secret: config.jwt.secret, issuer: config.jwt.issuer, audience: config.jwt.audience, noTimestamp: true })}`,
    `Bearer ${app.app.get(TokenService).issue({ kind: 'staff', id: world.staff.admin.id, authzVersion: 0 }).token}`,
    // A well-signed token of a staff member who does not exist.
    `Bearer ${app.app.get(TokenService).issue({ kind: 'staff', id: 987_654, authzVersion: 1 }).token}`,
  ];

  const argTypes = (op: RootOperation) => Object.fromEntries(op.field.args.map((a) => [a.name, a.type] as const));

  // ---- generators ----
  const schemaValid: fc.Arbitrary<Request> = fc
    .record({ i: fc.nat(ops.length - 1), actor: fc.nat(tokens.length - 1), depth: fc.nat(3), aliases: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 20 }) }), seedOf: fc.nat() })
    .chain(({ i, actor, depth, aliases }) => {
      const op = ops[i]!;
      const b = base.get(op.key)!;
      const types = argTypes(op);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, value] of Object.entries(b.variables)) model[name] = fc.oneof({ weight: 2, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: typedArb(types[name]!, ids) });
      return fc.record(model).map((variables) => {
        const [head, call] = splitOperation(b.query);
        const selection = b.selections[depth]!;
        const calls = Array.from({ length: aliases }, (_, k) => `${aliases > 1 ? `a${k}: ` : ''}${call} ${selection}`).join(' ');
        return { kind: 'schema-valid', body: JSON.stringify({ query: `${head} { ${calls} }`, variables }), token: tokens[actor], audited: table[op.key]!.audited };
      });
    });

  const wrongTypes: fc.Arbitrary<Request> = fc.record({ i: fc.nat(ops.length - 1), actor: fc.nat(tokens.length - 1) }).chain(({ i, actor }) => {
    const b = base.get(ops[i]!.key)!;
    const names = Object.keys(b.variables);
    return fc
      .record({ replace: fc.subarray(names.length ? names : ['x'], { minLength: 1 }), values: fc.array(wrongArb(), { minLength: 1, maxLength: names.length || 1 }) })
      .map(({ replace, values }) => {
        const variables: Record<string, unknown> = { ...b.variables };
        replace.forEach((n, k) => (variables[n] = values[k % values.length]));
        return { kind: 'wrong-types', body: JSON.stringify({ query: b.query, variables }), token: tokens[actor], audited: table[ops[i]!.key]!.audited };
      });
  });

  const hostileDocument: fc.Arbitrary<Request> = fc
    .oneof(
      fc.integer({ min: 5, max: 400 }).map((n) => `{ units { ${'... on UnitConnection { '.repeat(n)}totalCount${' }'.repeat(n)} } }`),
      fc.integer({ min: 5, max: 300 }).map((n) => `{ ${'me { '.repeat(n)}id${' }'.repeat(n)} }`),
      fc.integer({ min: 10, max: 80 }).map((n) => `{ ${Array.from({ length: n }, (_, k) => `a${k}: units(first: 100) { edges { node { id name } } }`).join(' ')} }`),
      fc.integer({ min: 100, max: 3000 }).map((n) => `{ ${'__typename '.repeat(n)}}`),
      fc.integer({ min: 100, max: 20_000 }).map((n) => `{ trackSuggestion(trackingNumber: "${'J'.repeat(n)}") { status } }`),
      fc.constantFrom(
        'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
        '{ campaign(id: 99999999999999999999) { id } }',
        '{ campaign(id: -0.5) { id } }',
        'query Q { __typename } query Q { __typename }',
        'query($a: Int = "x") { campaign(id: $a) { id } }',
        '{ __typename @skip(if: $nope) }',
        '{ __typename @unknown }',
        'subscription { __typename }',
        '{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }',
        '{ __type(name: "Suggestion") { fields { name } } }',
        'mutation { deleteMyAccount(input: { confirm: true }) { deleted } }',
        '{ units(first: 101) { totalCount } }',
        '{ units(first: -1) { totalCount } }',
        '{ units(after: "not-a-cursor") { totalCount } }',
        `{ units(after: "${Buffer.from('["x", "y"]').toString('base64url')}") { totalCount } }`,
        `{ mySuggestions(after: "${Buffer.from('[1e309, 1]').toString('base64url')}") { totalCount } }`,
        '{ publicSuggestions(query: "%_\\\\%") { totalCount } }',
        '',
        '{',
        '}}}}',
        '"unterminated',
        '{ a: __typename b: __typename c: __typename }',
      ),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(fc.nat(ops.length - 1), fc.nat(2000)).map(([i, cut]) => base.get(ops[i]!.key)!.query.slice(0, cut % base.get(ops[i]!.key)!.query.length)),
    )
    .chain((query) => fc.nat(tokens.length - 1).map((actor) => ({ kind: 'hostile-document', body: JSON.stringify({ query: sanitize(query) }), token: tokens[actor] })));

  const hostileBody: fc.Arbitrary<Request> = fc.oneof(
    fc.constantFrom<Request>(
      { kind: 'hostile-body', body: '' },
      { kind: 'hostile-body', body: 'null' },
      { kind: 'hostile-body', body: '[]' },
      { kind: 'hostile-body', body: '{}' },
      { kind: 'hostile-body', body: '{"query": 123}' },
      { kind: 'hostile-body', body: '{"query": {"kind": "Document", "definitions": []}}' },
      { kind: 'hostile-body', body: '{"query": "{ __typename }", "variables": "x"}' },
      { kind: 'hostile-body', body: '{"query": "{ __typename }", "variables": [1]}' },
      { kind: 'hostile-body', body: '{"query": "{ __typename }", "operationName": 5}' },
      { kind: 'hostile-body', body: '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}' },
      { kind: 'hostile-body', body: '{"query":"{ __typename }","variables":{"__proto__":{"admin":true}}}' },
      { kind: 'hostile-body', body: '{"__proto__":{"query":"{ me { id } }"}}' },
      { kind: 'hostile-body', body: '{"constructor":{"prototype":{"isAdmin":true}},"query":"{ __typename }"}' },
      { kind: 'hostile-body', body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) },
      { kind: 'hostile-body', body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': 'text/plain' } },
      { kind: 'hostile-body', body: 'query=%7B__typename%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { kind: 'hostile-body', body: '{ __typename }', headers: { 'content-type': 'application/graphql' } },
      { kind: 'hostile-body', body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': 'application/json; charset=utf-16' } },
      { kind: 'hostile-body', body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': 'application/xml' } },
    ),
    fc.integer({ min: 100, max: 40_000 }).map((n) => ({ kind: 'hostile-body', body: `{"query":"{ __typename }","variables":{"x":${'['.repeat(n)}${']'.repeat(n)}}}` })),
    fc.integer({ min: 100_001, max: 300_000 }).map((n) => ({ kind: 'hostile-body', body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(n) } }) })),
    fc.string({ maxLength: 300 }).map((s) => ({ kind: 'hostile-body', body: s })),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: 'hostile-body', body: JSON.stringify(v) ?? 'null' })),
  );

  const hostileAuth: fc.Arbitrary<Request> = fc
    .record({ i: fc.nat(ops.length - 1), header: fc.oneof(fc.constantFrom(...forged), fc.string({ maxLength: 100 }).map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, '')}`)) })
    .map(({ i, header }) => ({ kind: 'hostile-auth', body: JSON.stringify({ query: base.get(ops[i]!.key)!.query, variables: base.get(ops[i]!.key)!.variables }), headers: { authorization: header } }));

  const requests = fc.oneof(
    { weight: 45, arbitrary: schemaValid },
    { weight: 20, arbitrary: wrongTypes },
    { weight: 15, arbitrary: hostileDocument },
    { weight: 10, arbitrary: hostileBody },
    { weight: 10, arbitrary: hostileAuth },
  );

  // ---- run ----
  let unhandled = 0;
  const onUnhandled = () => void unhandled++;
  process.on('unhandledRejection', onUnhandled);
  const before5xx = app.status5xx;
  const beforeLeaks = app.leaks.leaks;
  const failures: FuzzResult['failures'] = [];
  const byKind: Record<string, number> = {};
  const msByKind: Record<string, number> = {};
  let sent = 0;
  const batchSize = 500;
  try {
    for (let batch = 0; sent < options.operations; batch++) {
      const sample = fc.sample(requests, { numRuns: Math.min(batchSize, options.operations - sent), seed: seed + batch });
      let next = 0;
      const worker = async () => {
        while (next < sample.length) {
          const r = sample[next++]!;
          let status = 0;
          let body = '';
          let leaked = false;
          const t0 = performance.now();
          try {
            ({ status, body, leaked } = await app.post(r.body, { token: r.token, headers: r.headers, audited: r.audited }));
          } catch (err) {
            // The server hung up (e.g. on a header it refuses): not a 5xx, but worth a look.
            status = -1;
            body = String(err);
          }
          byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
          msByKind[r.kind] = (msByKind[r.kind] ?? 0) + (performance.now() - t0);
          if ((status >= 500 || leaked) && failures.length < 20) {
            failures.push({ kind: r.kind, status, request: r.body.slice(0, 600), response: body.slice(0, 600) });
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
      sent += sample.length;
      if (options.log && sent % 5000 < batchSize) options.log(`fuzz: ${sent} operations, ${app.status5xx - before5xx} 5xx, ${app.leaks.leaks - beforeLeaks} leaks`);
    }
    // Let stray promises settle so an unhandled rejection is counted.
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return {
    figures: { operations: sent, status_5xx: app.status5xx - before5xx, leaks: app.leaks.leaks - beforeLeaks, unhandled },
    byKind,
    msByKind: Object.fromEntries(Object.entries(msByKind).map(([k, v]) => [k, Math.round(v)])),
    failures,
    seed,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

/** `op Name($v: T) { call … }` → [`op Name($v: T)`, `call`] (the call without its selection). */
function splitOperation(query: string): [string, string] {
  const open = query.indexOf('{');
  const head = query.slice(0, open).trim();
  const rest = query.slice(open + 1).trim();
  const callEnd = rest.indexOf('{');
  return [head, rest.slice(0, callEnd).trim()];
}
