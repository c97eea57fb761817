import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IsIn, IsString, Matches } from 'class-validator';
import { Allow } from '../auth/access.decorator.js';
import { GROUP_BYS, type GroupBy } from './statistics-metrics.js';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFileName, renderStatistics, type ExportFormat } from './statistics-export.js';
import { StatisticsService } from './statistics.service.js';
import { STATISTICS_ROLES } from './statistics.resolver.js';
import { messageKey } from '../common/i18n/message.js';

export class StatisticsExportQuery {
  @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: messageKey('input.dateFormat') }) from: string;
  @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: messageKey('input.dateFormat') }) to: string;
  @IsIn(GROUP_BYS) groupBy: GroupBy = 'MONTH';
  @IsIn(EXPORT_FORMATS) format: ExportFormat = 'xlsx';
}

/**
 * GET /exports/statistics?from=2020-01-01&to=2020-12-31&groupBy=MONTH&format=xlsx|csv
 * with `Authorization: Bearer <token>` of a coordinator, auditor or admin. The AccessGuard
 * resolves and checks the caller (src/auth/http-actor.ts) before this runs.
 */
@Controller('exports')
export class StatisticsExportController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('statistics')
  @Allow(...STATISTICS_ROLES)
  async export(@Query() query: StatisticsExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const report = await this.statistics.report(query.from, query.to, query.groupBy);
    const body = await renderStatistics(report, query.format);
    await reply
      .header('content-type', EXPORT_CONTENT_TYPES[query.format])
      .header('content-disposition', `attachment; filename="${exportFileName(report, query.format)}"`)
      .header('cache-control', 'no-store')
      .send(body);
  }
}
