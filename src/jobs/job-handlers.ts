import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { Metrics } from '../metrics/metrics.js';
import { handlerCoverageProblems, type FoundHandler } from './handler-coverage.js';
import { InvalidJobPayloadError, JOB_NAMES, UnknownJobError, isJobName, parseJobPayload, type JobName } from './job-types.js';
import { ON_JOB } from './on-job.decorator.js';

/** What a handler may know about the delivery it is running in. */
export interface JobContext {
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
  /** This is the last try: a failure now is dead-lettered. */
  finalAttempt: boolean;
}

type Handler = (payload: unknown, context: JobContext) => Promise<unknown>;

export { InvalidJobPayloadError, PermanentJobError, UnknownJobError } from './job-types.js';

/**
 * The `@OnJob` handlers of the application, found at boot (Immich's `setup()` pattern).
 * Start-up fails unless every job name has exactly one handler.
 */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly handlers = new Map<JobName, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const found: (FoundHandler & { handler: Handler })[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const job = this.reflector.get<string | undefined>(ON_JOB, fn as never);
        if (!job) continue;
        found.push({ job, owner: `${instance.constructor.name}.${method}`, handler: (fn as Handler).bind(instance) });
      }
    }
    const problems = handlerCoverageProblems(JOB_NAMES, found);
    if (problems.length) throw new Error(`Job handlers are incomplete:\n  ${problems.join('\n  ')}`);
    for (const h of found) this.handlers.set(h.job as JobName, h.handler);
  }

  async execute(name: string, payload: unknown, context: JobContext): Promise<void> {
    const handler = isJobName(name) ? this.handlers.get(name) : undefined;
    if (!handler) throw new UnknownJobError(`No handler for job "${name}"`);
    let checked: unknown;
    try {
      checked = parseJobPayload(name as JobName, payload);
    } catch (err) {
      if (!(err instanceof InvalidJobPayloadError)) throw err;
      // Never run on a wrong shape, never retried: the drivers dead-letter it (failed jobs).
      this.metrics.jobsProcessed.inc({ job: name, outcome: 'dead' });
      this.logger.error({ job: name, issues: err.issues, attempt: context.attempt, err: err.message }, 'job payload does not match its schema');
      throw err;
    }
    const started = performance.now();
    try {
      await handler(checked, context);
      this.metrics.jobsProcessed.inc({ job: name, outcome: 'completed' });
    } catch (err) {
      this.metrics.jobsProcessed.inc({ job: name, outcome: context.finalAttempt ? 'dead' : 'retry' });
      // Payloads are ids only, so they may be logged.
      this.logger.warn({ job: name, payload, attempt: context.attempt, err: errorMessage(err) }, 'job failed');
      throw err;
    } finally {
      this.logger.debug({ job: name, ms: Math.round(performance.now() - started) }, 'job ran');
    }
  }
}

export function errorMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}
