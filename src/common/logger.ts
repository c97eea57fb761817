import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * One JSON logger for Fastify, Nest and jobs. Headers that carry credentials are
 * redacted; personal data is never passed to it in the first place.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    base: { service: 'civicloop' },
  };
  return destination ? pino(options, destination) : pino(options);
}

// The current request's logger (Fastify's child carrying `reqId`). nestjs-pino keeps one too,
// but its fallback logger is process-wide (the first app's) and its store is not exported.
const requestLogger = new AsyncLocalStorage<Logger>();

/** Runs `fn` with `logger` as the current request's logger. */
export function runWithRequestLogger<T>(logger: Logger, fn: () => T): T {
  return requestLogger.run(logger, fn);
}

/**
 * The logger services receive: inside a request it writes through that request's logger,
 * elsewhere through `root`. So a service's line carries the request id without any service
 * knowing about requests.
 */
export function requestAwareLogger(root: Logger): Logger {
  return new Proxy(root, {
    get(target, prop) {
      const logger = requestLogger.getStore() ?? target;
      const value = Reflect.get(logger, prop, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
  });
}
export type { Logger };
