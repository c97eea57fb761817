import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-types.js';

export const ON_JOB = 'civicloop:on-job';

/**
 * Marks a service method as the handler of a job. The jobs module discovers these at boot
 * and refuses to start unless every job name has exactly one handler.
 */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);
