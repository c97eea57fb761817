import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { BadRequestException, ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError, type ErrorCode } from '../common/errors.js';

export interface FormatOptions {
  maskInternal: boolean;
  log: (err: unknown, requestId: string | undefined) => void;
}

/** Maps one error to its stable code; anything unknown is an internal error. */
export function classifyError(error: GraphQLError): { code: ErrorCode | 'GRAPHQL_VALIDATION_FAILED'; message: string; details?: Record<string, unknown> } {
  const original = unwrap(error);
  if (original instanceof DomainError) {
    return { code: original.code, message: original.message, details: original.details };
  }
  // Nest raises these for things like a bad route param; keep their meaning.
  if (original instanceof BadRequestException) return { code: 'BAD_USER_INPUT', message: original.message };
  if (original instanceof UnauthorizedException) return { code: 'UNAUTHENTICATED', message: original.message };
  if (original instanceof ForbiddenException) return { code: 'FORBIDDEN', message: original.message };
  if (original instanceof NotFoundException) return { code: 'NOT_FOUND', message: original.message };
  if (!original) {
    // No original error: graphql-js itself refused the document or the variables.
    const code = error.extensions?.code;
    if (typeof code === 'string' && isPassThroughCode(code)) return { code, message: error.message };
    if (!isVariableError(error)) return { code: 'GRAPHQL_VALIDATION_FAILED', message: error.message };
    const field = variableErrorField(error.message);
    return { code: 'BAD_USER_INPUT', message: error.message, details: field ? { field } : undefined };
  }
  if (original instanceof GraphQLError && !unwrap(original)) {
    return classifyError(original);
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: original.message };
}

function isPassThroughCode(code: string): code is ErrorCode {
  return ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'].includes(code);
}

function isVariableError(error: GraphQLError): boolean {
  // Phrasings of graphql-js and graphql-jit when coercing variables (not document validation).
  return /^Variable "\$|got invalid value|Expected value of type|cannot represent|does not exist in ".+" enum|of required type .+ was not provided|is not defined by type/i.test(error.message);
}

/** The input field a variable-coercion message names (graphql-js and graphql-jit phrasings). */
function variableErrorField(message: string): string | undefined {
  const patterns = [/at "[^".]+\.([\w.]+)"/, /Field value\.([\w.]+)/, /Field "([\w]+)"/];
  for (const p of patterns) {
    const m = p.exec(message);
    if (m) return m[1];
  }
  return undefined;
}

function unwrap(error: GraphQLError): Error | undefined {
  let e: unknown = error.originalError;
  // Mercurius and graphql-js may wrap the thrown error more than once.
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e instanceof Error ? e : undefined;
}

/**
 * Mercurius reports a refused document as one MER_ERR_GQL_VALIDATION error holding the real
 * ones in `.errors` (its default formatter unwraps them the same way).
 */
export function flattenErrors(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((error) => {
    const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
    if (!Array.isArray(inner)) return [error];
    return inner.map((e: unknown) =>
      e instanceof GraphQLError ? e : new GraphQLError(e instanceof Error ? e.message : String(e), { originalError: undefined }),
    );
  });
}

export function formatErrors(
  errors: readonly GraphQLError[],
  requestId: string | undefined,
  options: FormatOptions,
): GraphQLFormattedError[] {
  return flattenErrors(errors).map((error) => {
    const { code, message, details } = classifyError(error);
    const base = { locations: error.locations, path: error.path };
    if (code === 'INTERNAL_SERVER_ERROR') {
      options.log(unwrap(error) ?? error, requestId);
      return {
        ...base,
        message: options.maskInternal ? `Internal server error (request ${requestId ?? 'unknown'})` : message,
        extensions: { code, requestId },
      };
    }
    return { ...base, message, extensions: { code, ...(details ?? {}) } };
  });
}

export function statusCodeFor(result: ExecutionResult): number {
  // A document refused before execution has no data: 400, as GraphQL over HTTP says.
  return result.data === undefined || result.data === null ? (hasOnlyValidationErrors(result) ? 400 : 200) : 200;
}

function hasOnlyValidationErrors(result: ExecutionResult): boolean {
  return flattenErrors((result.errors ?? []) as GraphQLError[]).every((e) => !unwrap(e));
}
