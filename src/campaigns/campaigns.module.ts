import { Module } from '@nestjs/common';
import { CampaignsResolver } from './campaigns.resolver.js';
import { CampaignsService } from './campaigns.service.js';

@Module({ providers: [CampaignsService, CampaignsResolver], exports: [CampaignsService] })
export class CampaignsModule {}
