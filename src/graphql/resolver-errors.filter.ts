import { Catch, type ExceptionFilter } from '@nestjs/common';

/**
 * Hands every error a resolver throws to the GraphQL error formatter, which maps domain errors
 * to their codes and logs only internal ones (through pino, with the request id). Without it
 * Nest's default filter prints each refusal — FORBIDDEN, NOT_FOUND — as an ERROR with a stack
 * trace on the console. On HTTP routes the returned error leaves the request to Nest's own
 * handling, as before (Nest treats a returned Error that way).
 */
@Catch()
export class ResolverErrorsFilter implements ExceptionFilter {
  catch(exception: unknown): unknown {
    return exception instanceof Error ? exception : new Error(String(exception));
  }
}
