import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JOB_DRIVER, type JobDriver } from './job-driver.js';
import { JOBS_OPTIONS, type JobsOptions } from './jobs.options.js';

/**
 * Starts and stops the configured driver. The api starts it at boot (consuming only when
 * config.jobs.runInApi); `npm run worker` starts it consuming. Shutdown (SIGTERM) stops
 * polling and lets running jobs finish before the database closes.
 */
@Injectable()
export class JobsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(JOB_DRIVER) readonly driver: JobDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.autoStart) await this.start({ consume: this.config.jobs.runInApi });
  }

  async start(options: { consume: boolean }): Promise<void> {
    await this.driver.start(options);
  }

  /** Runs (SQL) or relays (BullMQ) what is due now; tests call this instead of waiting for a poll. */
  runDue(): Promise<number> {
    return this.driver.pump();
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Even when never started: the dashboard may have opened queue connections.
    await this.driver.stop();
  }
}
