import { Module } from '@nestjs/common';
import { DisclosureExportController } from './disclosure-export.controller.js';
import { DisclosureReportService } from './disclosure-report.service.js';
import { DisclosureJobs } from './disclosure.jobs.js';
import { DisclosureCaseResolver, DisclosureEventResolver, DisclosureResolver } from './disclosure.resolver.js';
import { DisclosureCasesQuery } from './disclosure-cases.js';
import { DisclosureService } from './disclosure.service.js';

/** The disclosure-request ledger (依申请公开) and the statutory annual report. */
@Module({
  controllers: [DisclosureExportController],
  providers: [DisclosureService, DisclosureReportService, DisclosureResolver, DisclosureCaseResolver, DisclosureEventResolver, DisclosureCasesQuery, DisclosureJobs],
  exports: [DisclosureService, DisclosureReportService],
})
export class DisclosureModule {}
