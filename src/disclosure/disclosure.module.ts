import { Module } from '@nestjs/common';
import { DisclosureExportController } from './disclosure-export.controller.js';
import { DisclosureReportService } from './disclosure-report.service.js';
import { DisclosureJobs } from './disclosure.jobs.js';
import { DisclosureCaseResolver, DisclosureResolver } from './disclosure.resolver.js';
import { DisclosureService } from './disclosure.service.js';

/** The disclosure-request ledger (依申请公开) and the statutory annual report. */
@Module({
  controllers: [DisclosureExportController],
  providers: [DisclosureService, DisclosureReportService, DisclosureResolver, DisclosureCaseResolver, DisclosureJobs],
  exports: [DisclosureService, DisclosureReportService],
})
export class DisclosureModule {}
