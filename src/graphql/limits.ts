import {
  GraphQLError,
  GraphQLInputObjectType,
  Kind,
  Location,
  NoSchemaIntrospectionCustomRule,
  type DocumentNode,
  type GraphQLSchema,
  type TypeNode,
  type ValidationRule,
} from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** Query limits (ARCHITECTURE §7); the security suite tests each at the limit and one past it. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  /** graphql-query-complexity units: 1 per field plus its children, times the page size of a list. */
  maxCost: 10_000,
  /** Lexical tokens in one document (graphql-js `parse` stops counting there). */
  maxTokens: 2_000,
  maxBodyBytes: 100_000,
} as const;

export function validationRules(isProduction: boolean): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: QUERY_LIMITS.maxDepth, exposeLimits: true }) as unknown as ValidationRule,
    maxAliasesRule({ n: QUERY_LIMITS.maxAliases, exposeLimits: true }) as unknown as ValidationRule,
  ];
  if (isProduction) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/** Mercurius' `graphql` option: graphql-js' own token limit and, in production, no "Did you mean …" hints. */
export function graphqlOptions(isProduction: boolean) {
  return {
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    // graphql 16.15's switch; Mercurius' type does not list it yet, but passes it to validate().
    validateOptions: { hideSuggestions: isProduction } as { maxErrors?: number },
  };
}

// A page of `first` items costs its selection `first` times (the default page size when omitted,
// since graphql-query-complexity reads arguments with variables and defaults applied).
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? 1 + childComplexity * Math.max(0, args.first) : undefined;
/**
 * A full-text search is database work whatever its page size: it costs SEARCH_COST on top of
 * its page, so one document holds at most three searches (12 aliased searches once drained the pool).
 */
export const SEARCH_COST = 3_000;
const searchEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.query === 'string' && args.query.trim() ? SEARCH_COST + 1 + childComplexity * Math.max(1, typeof args.first === 'number' ? args.first : 1) : undefined;
const COST_ESTIMATORS = [searchEstimator, pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })];

/**
 * The cost of a document with its variables. It runs before execution rather than as a
 * validation rule because Mercurius caches validation per document text, and a page size
 * given as a variable would otherwise cost as one item.
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>): number {
  return getComplexity({ schema, query: document, variables: variables ?? {}, estimators: COST_ESTIMATORS });
}

// The cost is computed once per document shape. A document's cost depends only on its text and
// on the variables the estimators can read: the field arguments (`first`, `query`) and the
// @skip/@include conditions, all scalars. A variable of an input-object type (a mutation's
// `input`, fresh on every submission) is never read by an estimator, so it is left out of the
// key. Mercurius keeps one parsed DocumentNode per query text (its `cache` LRU), so the
// documents key a WeakMap and their entries go when Mercurius drops them.
const COSTS_PER_DOCUMENT = 64;
const costCache = new WeakMap<DocumentNode, { schema: GraphQLSchema; keyVariables: string[]; costs: Map<string, number> }>();

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** The variables a cost estimator may read: every one not of an input-object type. */
function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names: string[] = [];
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of def.variableDefinitions ?? []) {
      if (!(schema.getType(namedTypeOf(v.type)) instanceof GraphQLInputObjectType)) names.push(v.variable.name.value);
    }
  }
  return names;
}

/** queryCost, remembered per document and the values of its cost variables. */
export function cachedQueryCost(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>): number {
  let entry = costCache.get(document);
  if (!entry || entry.schema !== schema) {
    entry = { schema, keyVariables: costVariables(schema, document), costs: new Map() };
    costCache.set(document, entry);
  }
  const key = entry.keyVariables.length ? JSON.stringify(entry.keyVariables.map((name) => variables?.[name] ?? null)) : '';
  let cost = entry.costs.get(key);
  if (cost === undefined) {
    cost = queryCost(schema, document, variables);
    // Many distinct values (search words): start over rather than grow without bound.
    if (entry.costs.size >= COSTS_PER_DOCUMENT) entry.costs.clear();
    entry.costs.set(key, cost);
  }
  return cost;
}

/** Mercurius preExecution hook: refuses a document whose cost exceeds the limit. */
export async function costLimitHook(schema: GraphQLSchema, document: DocumentNode, _context: unknown, variables?: Record<string, unknown>): Promise<void> {
  const cost = cachedQueryCost(schema, document, variables);
  if (cost > QUERY_LIMITS.maxCost) {
    // A page size near 2^31 makes an absurd figure; past a million the exact one says nothing.
    const found = cost > 1_000_000 ? 'over 1000000' : String(cost);
    throw new GraphQLError(`Query cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${found}.`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  }
}

/**
 * Mercurius preValidation hook. When a query is not valid GraphQL text, Mercurius tries it as a
 * JSON-encoded AST, and a malformed one crashes validation. Only documents parsed from text
 * (which carry a Location) are accepted, so the token limit holds for every document.
 */
export async function parsedTextOnlyHook(_schema: GraphQLSchema, document: DocumentNode): Promise<void> {
  if (!(document?.loc instanceof Location)) {
    throw new GraphQLError('Syntax Error: send the query as GraphQL text.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  }
}
