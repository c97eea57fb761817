import { Module } from '@nestjs/common';
import { RemindersJobs } from './reminders.jobs.js';
import { RemindersService } from './reminders.service.js';

/** Chasing units: sign-due and reply-due-soon reminders, overdue escalation (督办), and the reconciler. */
@Module({
  providers: [RemindersService, RemindersJobs],
  exports: [RemindersService],
})
export class RemindersModule {}
