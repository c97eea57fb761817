import { SetMetadata } from '@nestjs/common';
import type { JobContext } from './job-handlers.js';
import type { JobName, JobPayloads } from './job-types.js';

export const ON_JOB = 'civicloop:on-job';

/** What a handler of job `N` may look like: it takes that job's payload (checked by its schema first), and the context. */
export type JobHandlerFn<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<unknown>;

/** Exactly `P`: neither wider nor narrower (method parameters are compared bivariantly, so the decorator checks both ways). */
type SameAs<P, Expected> = [P] extends [Expected] ? ([Expected] extends [P] ? unknown : never) : never;

/**
 * Marks a service method as the handler of a job. The jobs module discovers these at boot
 * and refuses to start unless every job name has exactly one handler.
 *
 * Typed: the method's payload parameter must be the job's payload type (`JobPayloads[N]`,
 * inferred from its zod schema), or the method takes no payload at all; anything else is a
 * compile error at the decorator.
 */
export function OnJob<N extends JobName>(name: N) {
  return <F extends JobHandlerFn<N>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F> & (Parameters<F> extends [] ? unknown : SameAs<Parameters<F>[0], JobPayloads[N]>),
  ): void => {
    SetMetadata(ON_JOB, name)(target, key, descriptor);
  };
}
