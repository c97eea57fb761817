import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import { given, idempotencyKey, TEST_PASSWORD } from '../../factories/given.js';
import type { TestApp } from '../../helpers/test-app.js';
import { buildOperation, OMIT, rootOperations, selectionSet, type RootOperation, type ValueFor } from './schema-ops.js';
import type { GqlResponse, SecurityApp } from './security-app.js';
import type { Actor } from '../../../src/auth/actor.js';
import { ACTOR_KEYS, buildWorld, freshPhone, type ActorKey, type Fixture, type FixtureState, type World } from './world.js';

export interface CellContext {
  app: SecurityApp;
  world: World;
  fixture: Fixture;
  actor: ActorKey;
  given: ReturnType<typeof given>;
}

/** One row of the declared table: who may call an operation. */
export interface AccessRow {
  allow: readonly ActorKey[];
  /** The state of the item the cell acts on (a fresh one per cell); queries default to the shared private item. */
  fixture?: FixtureState;
  /**
   * How the operation refuses an object the caller may not see without saying it exists:
   * `null` (queries) or `NOT_FOUND`. Counted as a denial.
   */
  hidden?: 'null' | 'NOT_FOUND';
  /** Argument and input-field values by name, over the defaults below. */
  vars?: (c: CellContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Responses of this operation may show contact details: it is an audited reveal. */
  audited?: boolean;
  /** The cell spends the caller's account (deleting it, changing its password): residents other than the owner, and staff, are fresh ones. */
  spendsAccount?: boolean;
  why?: string;
}
export type AccessTable = Readonly<Record<string, AccessRow>>;

export interface CellResult {
  op: string;
  actor: ActorKey;
  expected: 'allow' | 'deny';
  observed: 'allow' | 'deny' | 'invalid';
  detail: string;
}

export interface AuthzFigures {
  cells: number;
  wrong_allows: number;
  operations_without_rule: number;
}

export interface AuthzReport {
  figures: AuthzFigures;
  wrongAllows: CellResult[];
  wrongDenies: CellResult[];
  invalid: CellResult[];
  operationsWithoutRule: string[];
  rulesWithoutOperation: string[];
  /** Allowed cells whose call ended in another error (CONFLICT, BAD_USER_INPUT …): printed, not failed. */
  allowedWithErrors: CellResult[];
  nested: { checks: number; leaks: CellResult[] };
}

const TEXT = '安全测试矩阵生成的文本内容';

/** Values by argument or input-field name, from the seeded world; rows override them. */
export function defaultValues(c: CellContext): Record<string, unknown> {
  const { world, fixture } = c;
  const now = Date.now();
  return {
    suggestionId: fixture.suggestionId,
    suggestionIds: [fixture.suggestionId],
    targetId: fixture.targetId,
    replyId: fixture.replyId ?? 999_999,
    requestId: fixture.extensionRequestId ?? 999_999,
    campaignId: world.campaign.id,
    leadUnitId: world.unitA.id,
    unitId: world.unitA.id,
    coUnitIds: OMIT,
    parentId: OMIT,
    templateId: OMIT,
    expectedVersion: OMIT,
    after: OMIT,
    trackingNumber: fixture.trackingNumber,
    phone: freshPhone(),
    code: '000000',
    username: world.staff.admin.username,
    password: TEST_PASSWORD,
    idempotencyKey: idempotencyKey(),
    category: world.campaign.categories[0],
    year: new Date(now).getUTCFullYear(),
    number: 1000 + Math.floor(Math.random() * 8000),
    date: '2031-01-07',
    from: '2026-01-01',
    to: '2026-12-31',
    quarter: '2025Q1',
    first: 5,
    extraWorkingDays: 2,
    approve: true,
    consentToPublish: false,
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    categories: ['城市建设'],
    keywords: ['测试'],
    adoption: 'ADOPTED',
    level: 'SATISFIED',
    ...Object.fromEntries(
      ['reason', 'note', 'body', 'comment', 'contribution', 'description', 'title', 'name', 'topic', 'notAdoptedReason', 'displayName', 'prizeText', 'location', 'subject', 'opinion'].map((k) => [k, TEXT]),
    ),
  };
}

/** Values by name, used only where they fit the field's type (a weight named `adoption` is a Float). */
function valueFor(values: Record<string, unknown>): ValueFor {
  return (name, type) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return undefined;
    const value = values[name];
    return value === OMIT || fits(value, type) ? value : undefined;
  };
}

function fits(value: unknown, type: GraphQLInputType): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (value === null) return !isNonNullType(type);
  if (isListType(inner)) return Array.isArray(value) && value.every((v) => fits(v, inner.ofType));
  if (Array.isArray(value)) return false;
  if (isEnumType(inner)) return typeof value === 'string' && inner.getValues().some((v) => v.name === value);
  if (isInputObjectType(inner)) return typeof value === 'object';
  switch (getNamedType(inner).name) {
    case 'Int':
      return Number.isInteger(value);
    case 'Float':
      return typeof value === 'number';
    case 'Boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
}

const DENY_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

function classify(op: RootOperation, row: AccessRow, res: GqlResponse): { observed: CellResult['observed']; detail: string } {
  const codes = (res.errors ?? []).map((e) => e.extensions?.code ?? '?');
  const detail = res.errors?.length ? `${codes.join(',')}: ${res.errors[0]!.message.slice(0, 160)}` : 'ok';
  // Refused before any resolver ran (document or variables): the cell's operation was malformed.
  const beforeExecution = (res.errors ?? []).some((e) => !e.path && (e.extensions?.code === 'BAD_USER_INPUT' || e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED'));
  if (res.status === 400 || beforeExecution) return { observed: 'invalid', detail };
  if (codes.some((c) => DENY_CODES.has(c))) return { observed: 'deny', detail };
  if (row.hidden === 'NOT_FOUND' && codes.includes('NOT_FOUND')) return { observed: 'deny', detail };
  if (row.hidden === 'null' && !res.errors?.length && res.data?.[op.name] === null) return { observed: 'deny', detail: 'null' };
  return { observed: 'allow', detail };
}

export interface PreparedCell {
  query: string;
  variables: Record<string, unknown>;
  token: string | undefined;
  audited: boolean | undefined;
  values: Record<string, unknown>;
  /** The item the cell acted on. */
  fixture: Fixture;
}

/**
 * The request of one cell: a fresh item in the row's state (mutations) or the shared one, the
 * row's values over the defaults, then `overrides` (by name) — the limit tests use those.
 */
export async function prepareCell(
  app: SecurityApp,
  world: World,
  op: RootOperation,
  row: AccessRow,
  actor: ActorKey,
  options: { overrides?: Record<string, unknown>; selection?: string; fixture?: Fixture } = {},
): Promise<PreparedCell> {
  const fixture = options.fixture ?? (row.fixture ? await world.fixture(row.fixture) : op.kind === 'mutation' ? await world.fixture('IN_PROGRESS') : world.shared);
  const c: CellContext = { app, world, fixture, actor, given: given(app as unknown as TestApp) };
  const values = { ...defaultValues(c), ...(await row.vars?.(c)), ...options.overrides };
  const built = buildOperation(op, valueFor(values), options.selection ?? selectionSet(op.field.type, { depth: 2 }));
  const token = !row.spendsAccount || actor === 'anonymous' || actor === 'owner'
    ? world.tokenOf(actor, fixture)
    : actor === 'otherResident'
      ? (await world.resident()).token
      : (await freshStaffLike(c, world.staff[actor].actor)).token;
  return { ...built, token, audited: row.audited, values, fixture };
}

/** A new account with the same roles and unit as a world's staff member (for cells that spend it). */
function freshStaffLike(c: CellContext, actor: Actor): Promise<{ token: string }> {
  if (actor.kind !== 'staff') throw new Error('not a staff actor');
  return c.given.staff([...actor.roles], actor.unitId);
}

/** Those who must never see an item they have no part in (issue 8: nested fields too). */
const OUTSIDERS: readonly ActorKey[] = ['anonymous', 'otherResident', 'otherHandler', 'evaluator'];

/**
 * Runs every query and mutation of the live schema as every actor and compares the outcome with
 * the table. Then, for every query an outsider may call, asks for everything reachable (nested
 * relations included) about the shared private item and looks for its texts in the answer.
 */
export async function runAuthzMatrix(app: SecurityApp, table: AccessTable, options: { log?: (line: string) => void; world?: World } = {}): Promise<AuthzReport> {
  const schema = app.app.get(GraphQLSchemaHost).schema;
  const operations = rootOperations(schema);
  const world = options.world ?? (await buildWorld(app));
  const report: AuthzReport = {
    figures: { cells: 0, wrong_allows: 0, operations_without_rule: 0 },
    wrongAllows: [],
    wrongDenies: [],
    invalid: [],
    operationsWithoutRule: operations.filter((o) => !table[o.key]).map((o) => o.key),
    rulesWithoutOperation: Object.keys(table).filter((k) => !operations.some((o) => o.key === k)),
    allowedWithErrors: [],
    nested: { checks: 0, leaks: [] },
  };
  report.figures.operations_without_rule = report.operationsWithoutRule.length;

  for (const op of operations) {
    const row = table[op.key];
    if (!row) continue;
    const selection = selectionSet(op.field.type, { depth: 2 });
    // A refused call changes nothing (every mutation runs in one transaction), so the item a
    // refused cell acted on serves the next cell of the row; an allowed one has spent it. Callers
    // the table denies go first, so most rows build one or two items instead of one per caller.
    const ownsFixture = Boolean(row.fixture) || op.kind === 'mutation';
    let unspent: Fixture | undefined;
    const actors = [...ACTOR_KEYS.filter((a) => !row.allow.includes(a)), ...ACTOR_KEYS.filter((a) => row.allow.includes(a))];
    for (const actor of actors) {
      const cell = await prepareCell(app, world, op, row, actor, { selection, ...(unspent && { fixture: unspent }) });
      const res = await app.gql(cell.query, cell.variables, { token: cell.token, audited: cell.audited });
      const expected = row.allow.includes(actor) ? 'allow' : 'deny';
      const { observed, detail } = classify(op, row, res);
      unspent = ownsFixture && observed === 'deny' ? cell.fixture : undefined;
      const result: CellResult = { op: op.key, actor, expected, observed, detail };
      report.figures.cells++;
      if (observed === 'invalid') report.invalid.push(result);
      else if (expected === 'deny' && observed === 'allow') report.wrongAllows.push(result);
      else if (expected === 'allow' && observed === 'deny') report.wrongDenies.push(result);
      else if (expected === 'allow' && res.errors?.length) report.allowedWithErrors.push(result);
      options.log?.(`${op.key.padEnd(34)} ${actor.padEnd(14)} ${expected.padEnd(5)} ${observed.padEnd(7)} ${detail}`);
    }
  }
  report.figures.wrong_allows = report.wrongAllows.length;

  // Nested fields: everything an outsider can reach about the private item holds none of its texts.
  for (const op of operations.filter((o) => o.kind === 'query')) {
    const row = table[op.key];
    if (!row) continue;
    const deep = selectionSet(op.field.type, { depth: 5, maxRepeats: 1 });
    for (const actor of OUTSIDERS.filter((a) => row.allow.includes(a))) {
      const cell = await prepareCell(app, world, op, row, actor, { selection: deep, fixture: world.shared, overrides: { first: 20 } });
      const res = await app.gql(cell.query, cell.variables, { token: cell.token, audited: cell.audited });
      report.nested.checks++;
      const seen = world.shared.markers.filter((m) => res.body.includes(m));
      if (seen.length) report.nested.leaks.push({ op: op.key, actor, expected: 'deny', observed: 'allow', detail: `shows ${seen.join(', ')}` });
      if (res.status === 400) report.invalid.push({ op: `${op.key} (nested)`, actor, expected: 'allow', observed: 'invalid', detail: res.body.slice(0, 200) });
    }
  }
  return report;
}
