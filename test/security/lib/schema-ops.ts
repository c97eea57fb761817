import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** A root field: `Query.me`, `Mutation.login`. */
export interface RootOperation {
  kind: 'query' | 'mutation';
  name: string;
  key: string;
  field: GraphQLField<unknown, unknown>;
}

export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const out: RootOperation[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    const prefix = kind === 'query' ? 'Query' : 'Mutation';
    for (const field of Object.values(type.getFields())) out.push({ kind, name: field.name, key: `${prefix}.${field.name}`, field });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** Leave a nullable argument or input field out. */
export const OMIT = Symbol('omit');

/**
 * Chooses a value for an argument or input field by its name and path (e.g. `suggestionId`,
 * `input.reason`); undefined lets the generator make a minimal one, OMIT leaves it out.
 */
export type ValueFor = (name: string, type: GraphQLInputType, path: readonly string[]) => unknown;

/** A minimal valid value of an input type: required fields only, unless `valueFor` fills others. */
export function minimalValue(type: GraphQLInputType, name: string, path: readonly string[], valueFor: ValueFor): unknown {
  const chosen = valueFor(name, type, path);
  if (chosen !== undefined) return chosen;
  if (isNonNullType(type)) return minimalValue(type.ofType, name, path, valueFor);
  if (isListType(type)) return [minimalValue(type.ofType, name, path, valueFor)];
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      const p = [...path, f.name];
      const v = valueFor(f.name, f.type, p);
      if (v === OMIT) continue;
      if (v !== undefined) out[f.name] = v;
      else if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = minimalValue(f.type, f.name, p, valueFor);
    }
    return out;
  }
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isScalarType(type)) return scalarSample(type.name);
  return null;
}

function scalarSample(name: string): unknown {
  switch (name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    default:
      return '测试';
  }
}

export interface SelectionOptions {
  /** Levels of object fields to follow below the root field (1 = scalars of the root's type only). */
  depth: number;
  /** Stop expanding a type after it appeared this many times on the path. */
  maxRepeats?: number;
}

/** A selection set with every field that takes no required argument, down to `depth`. */
export function selectionSet(type: GraphQLOutputType, options: SelectionOptions, path: GraphQLNamedType[] = []): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const repeats = path.filter((t) => t === named).length;
  const parts: string[] = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) {
      parts.push(field.name);
      continue;
    }
    if (options.depth <= 1 || repeats >= (options.maxRepeats ?? 1)) continue;
    const sub = selectionSet(field.type, { ...options, depth: options.depth - 1 }, [...path, named]);
    if (sub) parts.push(`${field.name} ${sub}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** GraphQL text of a type, for variable definitions. */
export function typeText(type: GraphQLInputType): string {
  return String(type);
}

export interface BuiltOperation {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * `query Q($a: T!) { op(a: $a) { … } }` with every required argument (and optional ones
 * `valueFor` chooses) passed as a variable.
 */
export function buildOperation(op: RootOperation, valueFor: ValueFor, selection: string, alias?: string): BuiltOperation {
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const args: string[] = [];
  for (const arg of op.field.args as readonly GraphQLArgument[]) {
    const chosen = valueFor(arg.name, arg.type, [arg.name]);
    if (chosen === OMIT) continue;
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (chosen === undefined && !required) continue;
    variables[arg.name] = chosen !== undefined ? chosen : minimalValue(arg.type, arg.name, [arg.name], valueFor);
    defs.push(`$${arg.name}: ${typeText(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const head = `${op.kind} Sec_${op.name}${defs.length ? `(${defs.join(', ')})` : ''}`;
  const call = `${alias ? `${alias}: ` : ''}${op.name}${args.length ? `(${args.join(', ')})` : ''}`;
  return { query: `${head} { ${call} ${selection} }`, variables };
}
