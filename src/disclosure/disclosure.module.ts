import { Module } from '@nestjs/common';
import { DisclosureExportController } from './disclosure-export.controller.js';
import { DisclosureReportService } from './disclosure-report.service.js';
import { DisclosureJobs } from './disclosure.jobs.js';
import { DisclosureCaseResolver, DisclosureEventResolver, DisclosureResolver } from './disclosure.resolver.js';
import { DisclosureCasesService } from './disclosure-cases.service.js';
import { DisclosureFollowUpsService } from './disclosure-follow-ups.service.js';
import { DisclosureReadsService } from './disclosure-reads.service.js';
import { DisclosureRequestsService } from './disclosure-requests.service.js';
import { DisclosureRequestView } from './dto/disclosure-request-view.js';

/** The disclosure-request ledger (依申请公开) and the statutory annual report. */
@Module({
  controllers: [DisclosureExportController],
  providers: [DisclosureRequestsService, DisclosureCasesService, DisclosureReadsService, DisclosureFollowUpsService, DisclosureRequestView, DisclosureReportService, DisclosureResolver, DisclosureCaseResolver, DisclosureEventResolver, DisclosureJobs],
  exports: [DisclosureRequestsService, DisclosureCasesService, DisclosureReadsService, DisclosureReportService],
})
export class DisclosureModule {}
