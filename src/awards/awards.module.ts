import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AwardExportController } from './award-export.controller.js';
import { AwardQueriesService } from './award-queries.service.js';
import { AwardRoundFieldsResolver, AwardsResolver } from './awards.resolver.js';
import { AwardsJobs } from './awards.jobs.js';
import { AwardsService } from './awards.service.js';
import { SupportService } from './support.service.js';

/** Quarterly awards (最佳服务之星, 最佳民众建言奖) and public support (附议). */
@Module({
  imports: [NotificationsModule],
  controllers: [AwardExportController],
  providers: [
    AwardsService,
    AwardQueriesService,
    SupportService,
    AwardsJobs,
    AwardsResolver,
    AwardRoundFieldsResolver,
  ],
  exports: [AwardsService, AwardQueriesService, SupportService],
})
export class AwardsModule {}
