import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * One JSON logger for Fastify, Nest and jobs. Headers that carry credentials are
 * redacted; personal data is never passed to it in the first place.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    base: { service: 'civicloop' },
  });
}
export type { Logger };
