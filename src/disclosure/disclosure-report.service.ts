import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { shanghaiDate, startOfShanghaiDate } from '../calendar/shanghai-time.js';
import { Clock } from '../common/clock.js';
import { ValidationError } from '../common/errors.js';
import { buildAnnualReport, type AnnualReport, type ApplicantCounts } from './annual-report.js';
import { DisclosureCaseEntity } from './disclosure-case.entity.js';
import { DisclosureRequestEntity } from './disclosure-request.entity.js';
import { msg } from '../common/i18n/message.js';

/**
 * The annual report from the ledger, by SQL aggregation (three grouped queries, whatever the
 * ledger's size). Years are Asia/Shanghai years. Carry-over is derived from the dates:
 * 二 counts requests received before the year and not replied by its first moment; 四 those
 * received by its end and not replied by then. The layout and the rule check are pure
 * (annual-report.ts).
 */
@Injectable()
export class DisclosureReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async annualReport(year: number): Promise<AnnualReport> {
    const currentYear = Number(shanghaiDate(this.clock.now()).slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > currentYear) {
      throw new ValidationError(msg('input.between', { field: 'year', min: 2000, max: currentYear }), 'year');
    }
    const start = startOfShanghaiDate(`${year}-01-01`);
    const end = startOfShanghaiDate(`${year + 1}-01-01`);
    const requests = this.dataSource.getRepository(DisclosureRequestEntity);

    const flows: { applicantType: string; received: string | number; carriedOver: string | number; carriedForward: string | number }[] =
      await requests
        .createQueryBuilder('r')
        .select('r.applicantType', 'applicantType')
        .addSelect('SUM(CASE WHEN r.receivedAt >= :start THEN 1 ELSE 0 END)', 'received')
        .addSelect('SUM(CASE WHEN r.receivedAt < :start THEN 1 ELSE 0 END)', 'carriedOver')
        .addSelect('SUM(CASE WHEN r.repliedAt IS NULL OR r.repliedAt >= :end THEN 1 ELSE 0 END)', 'carriedForward')
        // Received by the year's end, and either received in it or still open when it began.
        .where('r.receivedAt < :end')
        .andWhere('(r.receivedAt >= :start OR r.repliedAt IS NULL OR r.repliedAt >= :start)')
        .setParameters({ start, end })
        .groupBy('r.applicantType')
        .getRawMany();

    const outcomes: { applicantType: string; outcome: string; count: string | number; onTime: string | number }[] = await requests
      .createQueryBuilder('r')
      .select('r.applicantType', 'applicantType')
      .addSelect('r.outcome', 'outcome')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN r.repliedAt <= r.dueAt THEN 1 ELSE 0 END)', 'onTime')
      .where('r.repliedAt >= :start AND r.repliedAt < :end', { start, end })
      .groupBy('r.applicantType')
      .addGroupBy('r.outcome')
      .getRawMany();

    // A case still open at the year's end counts as 尚未审结, whatever happened later. (Grouped
    // by the stored columns only: MySQL's ONLY_FULL_GROUP_BY refuses parameters in GROUP BY.)
    const caseGroups: { kind: string; result: string; count: string | number; openAtYearEnd: string | number }[] = await this.dataSource
      .getRepository(DisclosureCaseEntity)
      .createQueryBuilder('c')
      .select('c.kind', 'kind')
      .addSelect('c.result', 'result')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN c.concludedAt IS NULL OR c.concludedAt >= :end THEN 1 ELSE 0 END)', 'openAtYearEnd')
      .where('c.filedAt >= :start AND c.filedAt < :end', { start, end })
      .groupBy('c.kind')
      .addGroupBy('c.result')
      .getRawMany();
    const cases = caseGroups.flatMap((g) => [
      { kind: g.kind, result: g.result, count: Number(g.count) - Number(g.openAtYearEnd) },
      { kind: g.kind, result: 'PENDING', count: Number(g.openAtYearEnd) },
    ]);

    const byApplicant: Record<string, ApplicantCounts> = {};
    for (const f of flows) {
      byApplicant[f.applicantType] = { received: Number(f.received), carriedOver: Number(f.carriedOver), carriedForward: Number(f.carriedForward) };
    }
    return buildAnnualReport(
      year,
      { byApplicant, outcomes: outcomes.map((o) => ({ applicantType: o.applicantType, outcome: o.outcome, count: Number(o.count) })) },
      cases,
      {
        sent: outcomes.reduce((s, o) => s + Number(o.count), 0),
        onTime: outcomes.reduce((s, o) => s + Number(o.onTime), 0),
      },
    );
  }
}
