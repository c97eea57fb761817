import { Module } from '@nestjs/common';
import { CampaignsResolver } from './campaigns.resolver.js';
import { CampaignsJobs } from './campaigns.jobs.js';
import { CampaignsService } from './campaigns.service.js';

@Module({ providers: [CampaignsService, CampaignsResolver, CampaignsJobs], exports: [CampaignsService] })
export class CampaignsModule {}
