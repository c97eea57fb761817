import { Injectable } from '@nestjs/common';
import { ReadRouting } from '../database/read-routing.js';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { emptyCounts, toFigures, type Counts, type Figures } from './statistics-figures.js';
import { METRICS, shanghaiMonth, type GroupBy, type Metric } from './statistics-metrics.js';
import { sqlDialect, type SqlDialect } from '../database/dialect.js';
import { monthLabel, monthsOf, parsePeriod, yearPeriod, type Period } from './statistics-period.js';
import { yearSummaryReportSentence, yearSummarySentence } from './year-summary.js';
import { channelLabel, INTAKE_CHANNELS } from '../suggestions/intake-channel.js';

export interface StatisticsGroup {
  key: string;
  label: string;
  figures: Figures;
}

export interface StatisticsReport {
  from: string;
  to: string;
  groupBy: GroupBy;
  total: Figures;
  groups: StatisticsGroup[];
}

export interface YearSummary {
  year: number;
  campaignsPublished: number;
  handledAndReplied: number;
  adopted: number;
  sentence: string;
  reportSentence: string;
  /** The year's items by how they arrived: every channel, in INTAKE_CHANNELS order. */
  byChannel: { channel: string; label: string; received: number; handledAndReplied: number; adopted: number }[];
}

interface Scope {
  period: Period | null;
  groupBy: GroupBy | null;
  unitId?: number;
}

const NO_KEY = '';

/**
 * Figures for any period, grouped by campaign, unit, category or Shanghai month. Every figure
 * is a SQL aggregate (one query per metric family, plus one for the totals); Node only joins
 * the aggregated rows by group key and divides counts into rates.
 */
@Injectable()
export class StatisticsService {
  private readonly dialect: SqlDialect;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly reads: ReadRouting,
  ) {
    this.dialect = sqlDialect(dataSource);
  }

  /** Public figures and exports: read from a replica when one is fresh. */
  report(from: string, to: string, groupBy: GroupBy): Promise<StatisticsReport> {
    return this.reads.fromReplica(() => this.buildReport(from, to, groupBy));
  }

  yearSummary(year: number): Promise<YearSummary> {
    return this.reads.fromReplica(() => this.buildYearSummary(year));
  }

  /** A unit's own figures (all time), for its public page; figures that are not a unit's stay null. */
  unitFigures(unitId: number): Promise<Figures> {
    return this.reads.fromReplica(async () => toFigures(await this.totals({ period: null, groupBy: null, unitId }, METRICS.filter((m) => m.unitColumn))));
  }

  private async buildReport(from: string, to: string, groupBy: GroupBy): Promise<StatisticsReport> {
    const period = parsePeriod(from, to);
    const total = await this.totals({ period, groupBy: null });
    const grouped = await this.grouped(period, groupBy);
    if (groupBy === 'MONTH') for (const month of monthsOf(period)) if (!grouped.has(month)) grouped.set(month, this.zeroCounts(groupBy));
    const { labels, order } = await this.labels(groupBy, [...grouped.keys()]);
    const groups = [...grouped.entries()].map(([key, counts]) => ({ key, label: labels.get(key) ?? key, figures: toFigures(counts) }));
    return { from, to, groupBy, total: toFigures(total), groups: this.sortGroups(groupBy, groups, order) };
  }

  private async buildYearSummary(year: number): Promise<YearSummary> {
    const period = yearPeriod(year);
    const wanted = METRICS.filter((m) => m.selects.campaignsPublished || m.selects.replied);
    const c = await this.totals({ period, groupBy: null }, wanted);
    const counts = { year, campaignsPublished: c.campaignsPublished ?? 0, handledAndReplied: c.replied ?? 0, adopted: c.adopted ?? 0 };
    const grouped = await this.grouped(period, 'CHANNEL', METRICS.filter((m) => m.selects.received || m.selects.replied));
    const byChannel = INTAKE_CHANNELS.map((channel) => {
      const g = grouped.get(channel);
      return { channel, label: channelLabel(channel), received: g?.received ?? 0, handledAndReplied: g?.replied ?? 0, adopted: g?.adopted ?? 0 };
    });
    return { ...counts, sentence: yearSummarySentence(counts), reportSentence: yearSummaryReportSentence(counts), byChannel };
  }

  private async totals(scope: Scope, metrics: readonly Metric[] = METRICS): Promise<Counts> {
    const counts = emptyCounts();
    for (const metric of metrics) {
      const [row] = await this.run(metric, scope);
      for (const name of Object.keys(metric.selects) as (keyof Counts)[]) counts[name] = Number(row?.[name] ?? 0);
    }
    return counts;
  }

  private async grouped(period: Period, groupBy: GroupBy, metrics: readonly Metric[] = METRICS): Promise<Map<string, Counts>> {
    const groups = new Map<string, Counts>();
    const applicable = metrics.filter((m) => groupBy === 'MONTH' || m.key[groupBy]);
    for (const metric of applicable) {
      for (const row of await this.run(metric, { period, groupBy })) {
        const key = row.groupKey === null || row.groupKey === undefined ? NO_KEY : String(row.groupKey);
        let counts = groups.get(key);
        if (!counts) groups.set(key, (counts = this.zeroCounts(groupBy)));
        for (const name of Object.keys(metric.selects) as (keyof Counts)[]) counts[name] = Number(row[name] ?? 0);
      }
    }
    return groups;
  }

  /** Counts of an empty group: 0 where the figure applies to this grouping, null where it does not. */
  private zeroCounts(groupBy: GroupBy): Counts {
    const counts = emptyCounts();
    for (const m of METRICS) {
      if (groupBy !== 'MONTH' && !m.key[groupBy]) continue;
      for (const name of Object.keys(m.selects) as (keyof Counts)[]) counts[name] = 0;
    }
    return counts;
  }

  private run(metric: Metric, scope: Scope): Promise<Record<string, string | number | null>[]> {
    const qb = this.dataSource.getRepository(metric.entity).createQueryBuilder(metric.alias);
    if (metric.suggestionIdColumn) qb.innerJoin(SuggestionEntity, 's', `s.id = ${metric.suggestionIdColumn}`);
    const selects = Object.entries(metric.selects);
    qb.select(selects[0]![1], selects[0]![0]);
    for (const [name, sql] of selects.slice(1)) qb.addSelect(sql, name);
    qb.where(`${metric.at} IS NOT NULL`);
    for (const condition of metric.where) qb.andWhere(condition);
    if (scope.period) qb.andWhere(`${metric.at} >= :periodStart AND ${metric.at} < :periodEnd`, { periodStart: scope.period.start, periodEnd: scope.period.end });
    if (scope.unitId !== undefined) qb.andWhere(`${metric.unitColumn} = :unitId`, { unitId: scope.unitId });
    if (scope.groupBy) {
      const key = scope.groupBy === 'MONTH' ? shanghaiMonth(this.dialect, metric.at) : metric.key[scope.groupBy]!;
      qb.addSelect(key, 'groupKey').groupBy(key);
    }
    qb.setParameter('now', this.clock.now());
    return qb.getRawMany();
  }

  /** Group labels (one lookup for campaign or unit names) and, for campaigns, their 期 order. */
  private async labels(groupBy: GroupBy, keys: string[]): Promise<{ labels: Map<string, string>; order?: Map<string, number> }> {
    const labels = new Map([[NO_KEY, '（未指定）']]);
    let order: Map<string, number> | undefined;
    const ids = keys.filter((k) => k !== NO_KEY).map(Number);
    if (groupBy === 'CAMPAIGN' && ids.length) {
      const campaigns = await this.dataSource.getRepository(CampaignEntity).find({ where: { id: In(ids) }, order: { year: 'ASC', number: 'ASC' } });
      order = new Map(campaigns.map((c, i) => [String(c.id), i]));
      for (const c of campaigns) labels.set(String(c.id), `${c.year}年第${c.number}期 ${c.title}`);
    } else if (groupBy === 'UNIT' && ids.length) {
      const units = await this.dataSource.getRepository(UnitEntity).find({ where: { id: In(ids) }, select: { id: true, name: true } });
      for (const u of units) labels.set(String(u.id), u.name);
    } else if (groupBy === 'CHANNEL') {
      for (const k of keys) if (k !== NO_KEY) labels.set(k, channelLabel(k));
    } else if (groupBy === 'MONTH') {
      for (const k of keys) if (k !== NO_KEY) labels.set(k, monthLabel(k));
    }
    return { labels, order };
  }

  private sortGroups(groupBy: GroupBy, groups: StatisticsGroup[], order?: Map<string, number>): StatisticsGroup[] {
    const collator = new Intl.Collator('zh-CN');
    const rank = (g: StatisticsGroup) => (g.key === NO_KEY ? 1 : 0);
    return groups.sort((a, b) => {
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      if (groupBy === 'MONTH') return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      if (groupBy === 'CAMPAIGN' && order) return (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0);
      return collator.compare(a.label, b.label) || collator.compare(a.key, b.key);
    });
  }
}
