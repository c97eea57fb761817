import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { RemindersService } from './reminders.service.js';

/** The reminders feature's jobs: thin adapters; the service re-checks the state when a job fires. */
@Injectable()
export class RemindersJobs {
  constructor(private readonly reminders: RemindersService) {}

  @OnJob('reminder.sign-due')
  async signDue(payload: JobPayloads['reminder.sign-due']): Promise<void> {
    await this.reminders.signDue(payload);
  }

  @OnJob('reminder.reply-due-soon')
  async replyDueSoon(payload: JobPayloads['reminder.reply-due-soon']): Promise<void> {
    await this.reminders.replyDueSoon(payload);
  }

  @OnJob('escalation.overdue')
  async overdue(payload: JobPayloads['escalation.overdue']): Promise<void> {
    await this.reminders.overdue(payload);
  }

  /** Recurring (the job table gives its period); both drivers schedule it. */
  @OnJob('reminders.reconcile')
  async reconcile(): Promise<void> {
    await this.reminders.reconcile();
  }
}
