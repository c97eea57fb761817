import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../auth/access.decorator.js';
import { StatisticsService } from './statistics.service.js';
import { StatisticsArgs, StatisticsReportObject, YearSummaryArgs, YearSummaryObject } from './dto/statistics.object.js';

/** Who sees what is argued in docs/statistics.md. */
export const STATISTICS_ROLES = ['COORDINATOR', 'AUDITOR', 'ADMIN'] as const;

@Resolver()
export class StatisticsResolver {
  constructor(private readonly service: StatisticsService) {}

  @Query(() => StatisticsReportObject, { description: 'Figures for any period, grouped by campaign, unit, category, month or intake channel (office only)' })
  @Allow(...STATISTICS_ROLES)
  statistics(@Args() args: StatisticsArgs): Promise<StatisticsReportObject> {
    return this.service.report(args.from, args.to, args.groupBy);
  }

  @Query(() => YearSummaryObject, { description: 'The annual report’s headline sentence for a year, from the data (public)' })
  @Public()
  yearSummary(@Args() args: YearSummaryArgs): Promise<YearSummaryObject> {
    return this.service.yearSummary(args.year);
  }
}
