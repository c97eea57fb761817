import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';

/** Query limits (ARCHITECTURE §7); the security suite tests each at the limit and one past it. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5000,
  maxBodyBytes: 100_000,
} as const;

export function validationRules(isProduction: boolean): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: QUERY_LIMITS.maxDepth, exposeLimits: true }) as unknown as ValidationRule,
    maxAliasesRule({ n: QUERY_LIMITS.maxAliases, exposeLimits: true }) as unknown as ValidationRule,
    costLimitRule({ maxCost: QUERY_LIMITS.maxCost, exposeLimits: true }) as unknown as ValidationRule,
  ];
  if (isProduction) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
