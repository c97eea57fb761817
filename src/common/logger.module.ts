import { Global, Inject, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { requestAwareLogger, type Logger } from './logger.js';
import { Clock } from './clock.js';

export const LOGGER = Symbol('LOGGER');
const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** Says when a process begins and ends its shutdown, and why (SIGTERM, SIGINT). */
class ShutdownLog implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}
  beforeApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'shutting down: finishing running work');
  }
  onApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'shut down');
  }
}

/**
 * Shared process-wide services: the logger and the clock. nestjs-pino reuses the request
 * logger Fastify already made (`useExisting`: one request id, Fastify's own request lines) and
 * formats Nest's messages as JSON; LOGGER follows the current request (app.factory.ts).
 */
@Global()
@Module({})
export class CommonModule {
  static forRoot(logger: Logger, clock: Clock): DynamicModule {
    return {
      module: CommonModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true })],
      providers: [
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: LOGGER, useValue: requestAwareLogger(logger) },
        { provide: Clock, useValue: clock },
        ShutdownLog,
      ],
      exports: [LOGGER, Clock, LoggerModule],
    };
  }
}
