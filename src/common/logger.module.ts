import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from './logger.js';
import { Clock } from './clock.js';

export const LOGGER = Symbol('LOGGER');

/** Shared process-wide services: the logger and the clock. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(logger: Logger, clock: Clock): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: Clock, useValue: clock },
      ],
      exports: [LOGGER, Clock],
    };
  }
}
