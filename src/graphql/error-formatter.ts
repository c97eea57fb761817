import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { BadRequestException, ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError, type ErrorCode } from '../common/errors.js';
import { msg, render, type Message } from '../common/i18n/message.js';
import { DEFAULT_LOCALE, type Locale } from '../common/i18n/locale.js';
import { requestErrorStatus, type GraphQLMediaType } from './media-type.js';

/** Codes a response may carry: the domain's, plus those of requests refused before execution. */
export type ResponseErrorCode = ErrorCode | 'GRAPHQL_VALIDATION_FAILED' | 'BAD_REQUEST' | 'SERVICE_UNAVAILABLE';

export interface FormatOptions {
  maskInternal: boolean;
  /** Production: strip graphql-js' "Did you mean …?" hints, which map the schema for a stranger. */
  hideSuggestions?: boolean;
  log: (err: unknown, requestId: string | undefined) => void;
  /** The caller's language (Accept-Language); zh-CN by default. */
  locale?: Locale;
}

/** A classified error; `text` is the catalogue message when there is one (graphql-js' own messages stay as written). */
export interface Classified {
  code: ResponseErrorCode;
  message: string;
  text?: Message;
  details?: Record<string, unknown>;
}

/** Maps one error to its stable code; anything unknown is an internal error. */
export function classifyError(error: GraphQLError): Classified {
  const original = unwrap(error);
  if (original instanceof DomainError) {
    return { code: original.code, message: original.message, text: original.text, details: original.details };
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
  const refused = refusalStatus(original);
  if (refused === 503) return { code: 'SERVICE_UNAVAILABLE', message: OVERLOADED_MESSAGE, text: msg('common.overloaded') };
  if (refused !== undefined) {
    const csrf = (original as { code?: unknown }).code === 'MER_ERR_GQL_CSRF_PREVENTION';
    return { code: 'BAD_REQUEST', message: original.message, text: csrf ? msg('common.csrf') : msg('common.badRequest') };
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: original.message };
}

/**
 * Fastify and Mercurius refuse some requests before GraphQL sees them (body too large, bad
 * JSON, CSRF): their errors carry a 4xx status and an FST_/MER_ code, and messages of the
 * libraries' own that hold nothing internal.
 */
/** Seconds an overloaded instance asks clients to wait (the `Retry-After` of every 503 it sends). */
export const OVERLOAD_RETRY_AFTER_SECONDS = 5;
const OVERLOADED_MESSAGE = 'The service is overloaded; retry after the Retry-After header’s seconds';

function refusalStatus(err: unknown): number | undefined {
  const { statusCode, code, message } = (err ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown };
  // Load shedding (@fastify/under-pressure) refuses with 503 before GraphQL runs; the database
  // pool refuses once DB_QUEUE_LIMIT requests already wait for a connection (mysql2's message).
  if ((statusCode === 503 && code === 'FST_UNDER_PRESSURE') || message === 'Queue limit reached.') return 503;
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  // Mercurius wraps syntax, validation and variable errors (GraphQLErrors) in this one: they are
  // GraphQL's request errors, whose status depends on the media type (requestErrorStatus). It
  // wraps a body that breaks its JSON schema (`query: 1`) the same way: that one is a refusal.
  if (code === 'MER_ERR_GQL_VALIDATION') {
    const inner = (err as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.every((e) => e instanceof GraphQLError)) return undefined;
  }
  return typeof code === 'string' && /^(FST_|MER_)/.test(code) ? statusCode : undefined;
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
  const locale = options.locale ?? DEFAULT_LOCALE;
  return flattenErrors(errors).map((error) => {
    const { code, message, text, details } = classifyError(error);
    const base = { locations: error.locations, path: error.path };
    if (code === 'INTERNAL_SERVER_ERROR') {
      options.log(unwrap(error) ?? error, requestId);
      const masked = msg('common.internal', { requestId: requestId ?? 'unknown' });
      return {
        ...base,
        message: options.maskInternal ? render(masked, locale) : message,
        extensions: { code, requestId, ...(options.maskInternal ? localisable(masked) : {}) },
      };
    }
    const shown = text ? render(text, locale) : options.hideSuggestions ? withoutSuggestions(message) : message;
    return { ...base, message: shown, extensions: { code, ...(details ?? {}), ...(text ? localisable(text) : {}) } };
  });
}

/** The key and parameters a client needs to word the message itself (web portal); stable like the code. */
export function localisable(text: Message): { messageKey: string; messageParams?: Record<string, unknown> } {
  const params = text.params as Record<string, unknown>;
  return Object.keys(params).length ? { messageKey: text.key, messageParams: params } : { messageKey: text.key };
}

/** graphql-js phrases hints as `Did you mean "x"?` or `Did you mean the enum value "x"?`. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

export function statusCodeFor(result: ExecutionResult, mediaType: GraphQLMediaType): number {
  // Refused by Fastify or Mercurius before execution (413 body too large, 400 CSRF …): their status.
  for (const e of result.errors ?? []) {
    const status = refusalStatus((e as GraphQLError).originalError) ?? refusalStatus(unwrap(e as GraphQLError));
    if (status !== undefined) return status;
  }
  // A document refused before execution (a request error) has no data; its status depends on the media type.
  return isRequestError(result) ? requestErrorStatus(mediaType) : 200;
}

/** Refused before execution began (syntax, validation, variables, limits): the response carries no `data`. */
export function isRequestError(result: ExecutionResult): boolean {
  return (result.data === undefined || result.data === null) && hasOnlyValidationErrors(result);
}

function hasOnlyValidationErrors(result: ExecutionResult): boolean {
  return flattenErrors((result.errors ?? []) as GraphQLError[]).every((e) => !unwrap(e));
}
