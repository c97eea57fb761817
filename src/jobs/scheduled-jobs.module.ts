import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { RemindersService } from './reminders.service.js';
import { ScheduledJobs } from './scheduled.jobs.js';

/** Reminders, escalation, the reconciler, auto-close, campaign open/close and the quarter-end trigger. */
@Module({
  imports: [CampaignsModule, SuggestionsModule],
  providers: [RemindersService, ScheduledJobs],
  exports: [RemindersService],
})
export class ScheduledJobsModule {}
