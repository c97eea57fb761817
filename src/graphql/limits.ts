import { GraphQLError, Location, NoSchemaIntrospectionCustomRule, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
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

/** Mercurius preExecution hook: refuses a document whose cost exceeds the limit. */
export async function costLimitHook(schema: GraphQLSchema, document: DocumentNode, _context: unknown, variables?: Record<string, unknown>): Promise<void> {
  const cost = queryCost(schema, document, variables);
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
