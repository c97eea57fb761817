import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { Transactions } from '../database/transactions.js';
import { redisTarget } from '../redis/redis-connection.js';
import { BullMqJobDriver } from './drivers/bullmq-job-driver.js';
import { SqlJobDriver } from './drivers/sql-job-driver.js';
import { JOB_DRIVER, type JobDriver } from './job-driver.js';
import { JobHandlers } from './job-handlers.js';
import { JOBS_OPTIONS, defaultJobsOptions, type JobsOptions } from './jobs.options.js';
import { JobsRuntime } from './jobs.runtime.js';
import { QueueDashboard } from './queue-dashboard.js';
import { FailedJobsResolver } from './failed-jobs.resolver.js';
import { FailedJobsService } from './failed-jobs.service.js';
import { JobMetrics } from './job-metrics.js';

/**
 * The job machinery: handler discovery (checked at boot), the driver chosen by configuration
 * (`sql` embedded, `bullmq` with Redis), its lifecycle, and the admin dashboard. Handlers live
 * in the feature modules as `@OnJob` methods.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    JobHandlers,
    { provide: JOBS_OPTIONS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => defaultJobsOptions(config) },
    {
      provide: JOB_DRIVER,
      inject: [APP_CONFIG, Transactions, Clock, JobHandlers, JOBS_OPTIONS, LOGGER],
      useFactory: (config: AppConfig, tx: Transactions, clock: Clock, handlers: JobHandlers, options: JobsOptions, logger: Logger): JobDriver =>
        config.jobs.driver === 'bullmq'
          ? new BullMqJobDriver(redisTarget(config)!, tx, clock, handlers, options, logger)
          : new SqlJobDriver(tx, clock, handlers, options, logger),
    },
    JobsRuntime,
    QueueDashboard,
    FailedJobsResolver,
    FailedJobsService,
    JobMetrics,
  ],
  exports: [JOB_DRIVER, JOBS_OPTIONS, JobsRuntime, JobHandlers],
})
export class JobsModule {}
