import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { CampaignsService } from './campaigns.service.js';

/** Campaigns open and close at their scheduled times; the service re-checks the schedule when the job fires. */
@Injectable()
export class CampaignsJobs {
  constructor(private readonly campaigns: CampaignsService) {}

  @OnJob('campaign.open')
  async open(payload: JobPayloads['campaign.open']): Promise<void> {
    await this.campaigns.applySchedule(payload.campaignId, 'open');
  }

  @OnJob('campaign.close')
  async close(payload: JobPayloads['campaign.close']): Promise<void> {
    await this.campaigns.applySchedule(payload.campaignId, 'close');
  }
}
