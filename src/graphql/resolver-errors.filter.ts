import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { sendHttpError } from '../common/http-error.filter.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';

/**
 * The one exception filter. On GraphQL it hands every error a resolver throws to the GraphQL
 * error formatter, which maps domain errors to their codes and logs only internal ones (through
 * pino, with the request id); without it Nest's default filter prints each refusal — FORBIDDEN,
 * NOT_FOUND — as an ERROR with a stack trace. On HTTP routes (exports, health, unknown paths,
 * a guard's 401/403) it answers `{ error: { code, message } }` (common/http-error.filter.ts).
 */
@Catch()
export class ResolverErrorsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() === 'http') return sendHttpError(exception, host, this.logger);
    return exception instanceof Error ? exception : new Error(String(exception));
  }
}
