import { msg, render, type Message } from './i18n/message.js';
import type { EntityName } from './i18n/labels.js';

/** Stable error codes carried in GraphQL `extensions.code` (ARCHITECTURE §6). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

/**
 * A refusal with a stable code and a message from the catalogue (src/common/i18n): the key and
 * its parameters travel to the response, which renders them in the caller's language. A new
 * refusal adds its key to messages.zh-CN.ts and messages.en.ts (tsc and i18n.spec.ts insist).
 * `Error.message` is the English text, for logs.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    readonly text: Message,
    readonly details: Record<string, unknown> = {},
  ) {
    super(render(text, 'en'));
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    text: Message,
    readonly field?: string,
    details: Record<string, unknown> = {},
  ) {
    super(text, field ? { field, ...details } : details);
  }
}
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(text: Message = msg('auth.signInFirst')) {
    super(text);
  }
}
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(text: Message = msg('access.denied')) {
    super(text);
  }
}
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(entity: EntityName, id: string | number) {
    super(msg('common.notFound', { entity, id: String(id) }), { entity, id: String(id) });
  }
}
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}
/** An action the workflow table does not allow from the current status. */
export class InvalidTransitionError extends DomainError {
  readonly code = 'CONFLICT' as const;
  constructor(action: string, status: string, allowed: readonly string[]) {
    super(msg('workflow.invalidTransition', { action, status, allowed: [...allowed] }), { action, status, allowed: [...allowed] });
  }
}
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED' as const;
  constructor(text: Message = msg('common.rateLimited'), retryAfterSeconds?: number) {
    super(text, retryAfterSeconds ? { retryAfterSeconds } : {});
  }
}
