import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { GROUP_BYS, type GroupBy } from '../statistics-metrics.js';
import { messageKey } from '../../common/i18n/message.js';

export const StatisticsGroupByEnum = Object.fromEntries(GROUP_BYS.map((k) => [k, k])) as { [K in GroupBy]: K };
registerEnumType(StatisticsGroupByEnum, { name: 'StatisticsGroupBy', description: 'MONTH groups by Asia/Shanghai calendar month; CHANNEL by how items arrived (IntakeChannel)' });

const nullableInt = (description: string) => Field(() => Int, { nullable: true, description });
const rate = (description: string) => Field(() => Float, { nullable: true, description: `${description}; percent, one decimal; null when nothing was due` });

@ObjectType('StatisticsFigures', {
  description: 'Counts for a period, each at the time of its own event (docs/statistics.md). Null: not applicable to this grouping.',
})
export class StatisticsFiguresObject {
  @nullableInt('Campaigns (期) opened in the period, drafts excluded') campaignsPublished: number | null;
  @nullableInt('Suggestions submitted') received: number | null;
  @nullableInt('Items assigned to a lead unit (受理交办), each item once per group') accepted: number | null;
  @nullableInt('Items rejected in screening (不予受理)') rejected: number | null;
  @nullableInt('Lead assignments returned by the unit (退回)') returned: number | null;
  @nullableInt('Lead assignments transferred to another unit (转办)') transferred: number | null;
  @nullableInt('Items with a reply published (已办理、回复)') replied: number | null;
  @nullableInt('Items adopted, including partly adopted (采纳)') adopted: number | null;
  @nullableInt('Of which partly adopted (部分采纳)') partlyAdopted: number | null;
  @rate('adopted / replied') adoptionRate: number | null;
  @nullableInt('Replies published (an item reopened and answered again counts twice)') repliesPublished: number | null;
  @nullableInt('Replies published by their deadline') repliesOnTime: number | null;
  @rate('On-time reply rate (按时办结率): repliesOnTime / repliesPublished') onTimeReplyRate: number | null;
  @nullableInt('Lead assignments whose sign deadline has come, or that were signed') signsDue: number | null;
  @nullableInt('Lead assignments signed by their deadline') signedOnTime: number | null;
  @rate('On-time sign rate (响应率): signedOnTime / signsDue') onTimeSignRate: number | null;
  @nullableInt('Ratings given') rated: number | null;
  @nullableInt('满意') satisfied: number | null;
  @nullableInt('基本满意') basicallySatisfied: number | null;
  @nullableInt('不满意') unsatisfied: number | null;
  @Field(() => Float, { nullable: true, description: 'Satisfaction 0–100 (满意 100, 基本满意 80, 不满意 0), one decimal' })
  satisfaction: number | null;
  @nullableInt('Reopenings (重办) after an unsatisfied rating') reopened: number | null;
  @rate('reopened / repliesPublished') reopenRate: number | null;
  @nullableInt('Evaluator (金秤砣评议员) opinions answered') evaluatorOpinionsHandled: number | null;
}

@ObjectType('StatisticsGroup')
export class StatisticsGroupObject {
  @Field({ description: 'Campaign or unit id, category, or YYYY-MM; empty for items without one' }) key: string;
  @Field({ description: 'e.g. 2020年第3期 title, a unit name, 2020年3月' }) label: string;
  @Field(() => StatisticsFiguresObject) figures: StatisticsFiguresObject;
}

@ObjectType('StatisticsReport')
export class StatisticsReportObject {
  @Field({ description: 'First day, YYYY-MM-DD (Asia/Shanghai)' }) from: string;
  @Field({ description: 'Last day, inclusive' }) to: string;
  @Field(() => StatisticsGroupByEnum) groupBy: GroupBy;
  @Field(() => StatisticsFiguresObject, { description: 'The whole period (not the sum of groups: an item can fall in several)' })
  total: StatisticsFiguresObject;
  @Field(() => [StatisticsGroupObject]) groups: StatisticsGroupObject[];
}

@ObjectType('YearSummaryChannel', { description: 'The year’s items that arrived by one channel (never who recorded them)' })
export class YearSummaryChannelObject {
  @Field({ description: 'IntakeChannel: ONLINE, COUNTER, PHONE, LETTER, HOTLINE_12345' }) channel: string;
  @Field({ description: 'e.g. 网上提交, 窗口代录, 12345转办' }) label: string;
  @Field(() => Int, { description: 'Suggestions received in the year by this channel' }) received: number;
  @Field(() => Int, { description: 'Of the year’s replied items, those that came by this channel' }) handledAndReplied: number;
  @Field(() => Int, { description: 'Of the year’s adopted items, those that came by this channel' }) adopted: number;
}

@ObjectType('YearSummary', { description: 'The headline of the annual report, generated from the data' })
export class YearSummaryObject {
  @Field(() => Int) year: number;
  @Field(() => Int, { description: '共发布N期' }) campaignsPublished: number;
  @Field(() => Int, { description: '已办理、回复相关诉求X件' }) handledAndReplied: number;
  @Field(() => Int, { description: '采纳建议Y条' }) adopted: number;
  @Field({ description: 'With exact numbers' }) sentence: string;
  @Field({ description: 'Worded as the report does: 900余件' }) reportSentence: string;
  @Field(() => [YearSummaryChannelObject], { description: 'The same year by intake channel; the channels add up to the totals' }) byChannel: YearSummaryChannelObject[];
}

const DATE_MESSAGE = { message: messageKey('input.dateFormat') };

@ArgsType()
export class StatisticsArgs {
  @Field({ description: 'First day, YYYY-MM-DD (Asia/Shanghai)' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE) from: string;
  @Field({ description: 'Last day, inclusive' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE) to: string;
  @Field(() => StatisticsGroupByEnum, { defaultValue: 'MONTH' }) @IsIn(GROUP_BYS) groupBy: GroupBy = 'MONTH';
}

@ArgsType()
export class YearSummaryArgs {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
}
