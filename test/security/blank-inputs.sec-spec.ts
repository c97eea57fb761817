import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';
import { trimInputStrings } from '../../src/graphql/trim-inputs.js';
import { ACCESS_TABLE } from './access-table.js';
import { prepareCell } from './lib/authz.js';
import { rootOperations, type RootOperation } from './lib/schema-ops.js';
import { startSecurityApp, type SecurityApp } from './lib/security-app.js';
import { buildWorld, type World } from './lib/world.js';

// Issue 12 §5: whitespace-only text is never accepted as content. Every string input of every
// mutation (found by walking the live schema) is sent as spaces, tabs, a newline and U+3000.
const BLANK = ' \t\n\u3000 ';

type Path = (string | number)[];
interface StringInput {
  path: Path;
  /** Non-null in the schema: blank must be refused as BAD_USER_INPUT naming the field. */
  required: boolean;
}

function stringInputs(op: RootOperation): StringInput[] {
  const out: StringInput[] = [];
  const walk = (type: GraphQLInputType, path: Path, seen: Set<string>) => {
    const required = isNonNullType(type);
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isScalarType(inner) && inner.name === 'String') out.push({ path, required });
    else if (isListType(inner)) {
      const el = getNamedType(inner);
      const elementRequired = isNonNullType(inner.ofType);
      if (isScalarType(el) && el.name === 'String') out.push({ path: [...path, 0], required: elementRequired });
    } else if (isInputObjectType(inner) && !seen.has(inner.name)) {
      for (const f of Object.values(inner.getFields())) walk(f.type, [...path, f.name], new Set([...seen, inner.name]));
    }
  };
  for (const arg of op.field.args) walk(arg.type, [arg.name], new Set());
  return out;
}

const leafName = (path: Path) => [...path].reverse().find((p) => typeof p === 'string') as string;

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

describe('trimming before validation (pure)', () => {
  class Login {
    username!: string;
    password!: string;
  }
  it('trims every string, nested and in lists; blank becomes absent; Dates and numbers are left alone', () => {
    const at = new Date(0);
    expect(trimInputStrings({ a: '  x ', b: [' y', BLANK], c: { d: '\u3000z\u3000', e: BLANK }, n: 1, at }, undefined)).toEqual({
      a: 'x',
      b: ['y', undefined],
      c: { d: 'z', e: undefined },
      n: 1,
      at,
    });
  });
  it('keeps an @Untrimmed field as sent', async () => {
    const { Untrimmed } = await import('../../src/graphql/trim-inputs.js');
    Untrimmed()(Login.prototype, 'password');
    expect(trimInputStrings({ username: ' u ', password: ' p ' }, Login)).toEqual({ username: 'u', password: ' p ' });
  });
});

describe('blank text inputs', () => {
  let t: SecurityApp;
  let world: World;
  beforeAll(async () => {
    t = (await startSecurityApp('blank-inputs'))!;
    world = await buildWorld(t);
  }, 120_000);
  afterAll(async () => t?.close());

  it('every required string of every mutation refuses whitespace-only text as BAD_USER_INPUT naming the field; optional ones treat it as omitted', async () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const problems: string[] = [];
    let checked = 0;
    for (const op of rootOperations(schema).filter((o) => o.kind === 'mutation')) {
      const row = ACCESS_TABLE[op.key];
      if (!row) continue;
      for (const { path, required } of stringInputs(op)) {
        const leaf = leafName(path);
        const cell = await prepareCell(t, world, op, row, row.allow.includes('anonymous') ? 'anonymous' : row.allow[0]!, {
          overrides: { [leaf]: typeof path.at(-1) === 'number' ? [BLANK] : BLANK },
          selection: '{ __typename }',
        });
        setAt(cell.variables, path, BLANK);
        const res = await t.gql(cell.query, cell.variables, { token: cell.token });
        const first = res.errors?.[0];
        const code = first?.extensions?.code;
        const field = first?.extensions?.field;
        const namesLeaf = (typeof field === 'string' && field.split('.').includes(leaf)) || !!first?.message.includes(leaf);
        checked++;
        if (required && !(code === 'BAD_USER_INPUT' && namesLeaf)) {
          problems.push(`${op.key} ${path.join('.')} (required): ${code ?? 'accepted'} ${field ?? ''} ${first?.message.slice(0, 100) ?? ''}`);
        }
        // Optional: as if omitted, so never refused for this field, never an internal error.
        if (!required && ((code === 'BAD_USER_INPUT' && namesLeaf && !/required|should not be empty|must be a string/i.test(first!.message)) || code === 'INTERNAL_SERVER_ERROR')) {
          problems.push(`${op.key} ${path.join('.')} (optional): ${code} ${field ?? ''} ${first?.message.slice(0, 100) ?? ''}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  }, 300_000);
});
