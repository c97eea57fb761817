import { Module } from '@nestjs/common';
import { QUARTER_END_HOOK } from '../jobs/quarter-end.js';
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
    // The jobs module's quarter-end handler calls this (src/jobs/quarter-end.ts).
    { provide: QUARTER_END_HOOK, useExisting: AwardsService },
  ],
  exports: [AwardsService, AwardQueriesService, SupportService],
})
export class AwardsModule {}
