import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { WorkflowService } from '../suggestions/workflow.service.js';
import { OnJob } from './on-job.decorator.js';
import type { JobPayloads } from './job-types.js';
import { QUARTER_END_HOOK, type QuarterEndHook } from './quarter-end.js';
import { RemindersService } from './reminders.service.js';

/** Thin adapters from job to service; each service re-checks the state when the job fires. */
@Injectable()
export class ScheduledJobs {
  private quarterEndHook: QuarterEndHook | null | undefined;

  constructor(
    private readonly reminders: RemindersService,
    private readonly campaigns: CampaignsService,
    private readonly workflow: WorkflowService,
    private readonly moduleRef: ModuleRef,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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

  @OnJob('reminders.reconcile')
  async reconcile(): Promise<void> {
    await this.reminders.reconcile();
  }

  @OnJob('rating.auto-close')
  async autoClose(payload: JobPayloads['rating.auto-close']): Promise<void> {
    await this.workflow.autoCloseIfLapsed(payload.suggestionId);
  }

  @OnJob('campaign.open')
  async openCampaign(payload: JobPayloads['campaign.open']): Promise<void> {
    await this.campaigns.applySchedule(payload.campaignId, 'open');
  }

  @OnJob('campaign.close')
  async closeCampaign(payload: JobPayloads['campaign.close']): Promise<void> {
    await this.campaigns.applySchedule(payload.campaignId, 'close');
  }

  /** Forwarded to whichever module provides QUARTER_END_HOOK (the awards module). */
  @OnJob('awards.quarter-end')
  async quarterEnd(payload: JobPayloads['awards.quarter-end']): Promise<void> {
    if (this.quarterEndHook === undefined) {
      try {
        this.quarterEndHook = this.moduleRef.get<QuarterEndHook>(QUARTER_END_HOOK, { strict: false });
      } catch {
        this.quarterEndHook = null;
      }
    }
    if (!this.quarterEndHook) {
      this.logger.info({ quarter: payload.quarter }, 'quarter ended; no quarter-end hook is installed');
      return;
    }
    await this.quarterEndHook.onQuarterEnd(payload.quarter);
  }
}
