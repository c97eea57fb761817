/** Stable error codes carried in GraphQL `extensions.code` (ARCHITECTURE §6). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    message: string,
    readonly field?: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, field ? { field, ...details } : details);
  }
}
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'Sign in first') {
    super(message);
  }
}
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'You may not do this') {
    super(message);
  }
}
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(entity: string, id: string | number) {
    super(`${entity} ${id} was not found`, { entity, id: String(id) });
  }
}
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}
/** An action the workflow table does not allow from the current status. */
export class InvalidTransitionError extends DomainError {
  readonly code = 'CONFLICT' as const;
  constructor(action: string, status: string, allowed: readonly string[]) {
    super(
      `Cannot ${action} a suggestion in status ${status}; allowed now: ${allowed.length ? allowed.join(', ') : 'nothing'}`,
      { action, status, allowed: [...allowed] },
    );
  }
}
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED' as const;
  constructor(message: string, retryAfterSeconds?: number) {
    super(message, retryAfterSeconds ? { retryAfterSeconds } : {});
  }
}
