import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/access.decorator.js';
import { STAFF_ROLES } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { ValidationError } from '../common/errors.js';
import { assertConsistent } from './annual-report.js';
import { DisclosureReportService } from './disclosure-report.service.js';
import { renderHtml, renderMarkdown } from './report-render.js';
import { buildReportWorkbook } from './report-xlsx.js';
import { msg } from '../common/i18n/message.js';

const FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;
type Format = keyof typeof FORMATS;

/**
 * GET /exports/disclosure-report/2020.xlsx (or .md, .html) with `Authorization: Bearer <token>`
 * of any staff member. The AccessGuard resolves and checks the caller first. A report whose
 * section 三 breaks 一+二=三(七)+四 is not exported: 409 naming the columns (the GraphQL
 * query shows the numbers so the ledger can be put right).
 */
@Controller('exports/disclosure-report')
export class DisclosureExportController {
  constructor(
    private readonly reports: DisclosureReportService,
    private readonly clock: Clock,
  ) {}

  @Get(':file')
  @Allow(...STAFF_ROLES)
  async export(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const match = /^(\d{4})\.(xlsx|md|html)$/.exec(file);
    if (!match) throw new ValidationError(msg('format.exportFile'), 'file');
    const year = Number(match[1]);
    const format = match[2] as Format;
    const report = await this.reports.annualReport(year);
    assertConsistent(report);
    const body =
      format === 'xlsx'
        ? Buffer.from(await (await buildReportWorkbook(report, this.clock.now())).xlsx.writeBuffer())
        : format === 'md'
          ? renderMarkdown(report)
          : renderHtml(report);
    const name = `${year}年政府信息公开工作年度报告-依申请公开.${format}`;
    await reply
      .header('content-type', FORMATS[format])
      .header('content-disposition', `attachment; filename="disclosure-report-${year}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(body);
  }
}
