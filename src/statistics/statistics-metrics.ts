import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { EvaluatorOpinionEntity } from '../evaluations/evaluator-opinion.entity.js';
import { RatingEntity } from '../replies/rating.entity.js';
import { adoptedSql } from '../replies/adoption.js';
import { satisfactionPointsSql } from '../replies/satisfaction.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../suggestions/timeline-event.entity.js';
import type { Counts } from './statistics-figures.js';
import type { SqlDialect } from '../database/dialect.js';

export const GROUP_BYS = ['CAMPAIGN', 'UNIT', 'CATEGORY', 'MONTH', 'CHANNEL'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/**
 * One aggregate query. Each figure is counted at the time of its own event (a reply when it
 * was published, a rating when it was given …), so any period and any grouping add up the
 * same way. `key` says how to group; a grouping without a key does not apply to the figure.
 */
export interface Metric {
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  /** The event time the period filters and MONTH groups on. */
  at: string;
  where: string[];
  /** Joins `suggestions s` on this column, for campaign and category keys. */
  suggestionIdColumn?: string;
  key: Partial<Record<GroupBy, string>>;
  /** The column a unit filter (unit profile) applies to; absent: the figure is not a unit's. */
  unitColumn?: string;
  selects: Partial<Record<keyof Counts, string>>;
}

/** The Shanghai month (YYYY-MM) of a UTC datetime column. */
export function shanghaiMonth(dialect: SqlDialect, column: string): string {
  return dialect === 'sqlite'
    ? `strftime('%Y-%m', ${column}, '+8 hours')`
    : `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m')`;
}

// CHANNEL: how the item reached the office (intake-channel.ts); never who recorded it.
const bySuggestion = { CAMPAIGN: 's.campaignId', CATEGORY: 's.category', CHANNEL: 's.channel' } as const;

export const METRICS: readonly Metric[] = [
  {
    entity: CampaignEntity,
    alias: 'c',
    at: 'c.opensAt',
    where: [`c.status <> 'DRAFT'`],
    key: { CAMPAIGN: 'c.id' },
    selects: { campaignsPublished: 'COUNT(*)' },
  },
  {
    entity: SuggestionEntity,
    alias: 's',
    at: 's.submittedAt',
    where: [],
    key: { ...bySuggestion },
    selects: { received: 'COUNT(*)' },
  },
  {
    // Accepted = assigned to a lead unit (交办); a sign is due once its deadline has passed,
    // unless the assignment ended (transfer, return) before that without a signature.
    entity: AssignmentEntity,
    alias: 'a',
    at: 'a.assignedAt',
    where: [`a.role = 'LEAD'`],
    suggestionIdColumn: 'a.suggestionId',
    key: { ...bySuggestion, UNIT: 'a.unitId' },
    unitColumn: 'a.unitId',
    selects: {
      accepted: 'COUNT(DISTINCT a.suggestionId)',
      signsDue:
        'SUM(CASE WHEN a.signedAt IS NOT NULL OR (a.signDueAt < :now AND (a.endedAt IS NULL OR a.endedAt > a.signDueAt)) THEN 1 ELSE 0 END)',
      signedOnTime: 'SUM(CASE WHEN a.signedAt IS NOT NULL AND a.signedAt <= a.signDueAt THEN 1 ELSE 0 END)',
    },
  },
  {
    entity: AssignmentEntity,
    alias: 'a',
    at: 'a.endedAt',
    where: [`a.role = 'LEAD'`, `a.endReason IN ('RETURNED', 'TRANSFERRED')`],
    suggestionIdColumn: 'a.suggestionId',
    key: { ...bySuggestion, UNIT: 'a.unitId' },
    unitColumn: 'a.unitId',
    selects: {
      returned: `SUM(CASE WHEN a.endReason = 'RETURNED' THEN 1 ELSE 0 END)`,
      transferred: `SUM(CASE WHEN a.endReason = 'TRANSFERRED' THEN 1 ELSE 0 END)`,
    },
  },
  {
    entity: TimelineEventEntity,
    alias: 'e',
    at: 'e.at',
    where: [`e.toStatus = 'REJECTED'`],
    suggestionIdColumn: 'e.suggestionId',
    key: { ...bySuggestion },
    selects: { rejected: 'COUNT(DISTINCT e.suggestionId)' },
  },
  {
    // Replied = a published reply (已办理、回复); adopted counts the item once whatever its replies.
    entity: ReplyEntity,
    alias: 'r',
    at: 'r.publishedAt',
    where: [`r.status = 'PUBLISHED'`],
    suggestionIdColumn: 'r.suggestionId',
    key: { ...bySuggestion, UNIT: 'r.unitId' },
    unitColumn: 'r.unitId',
    selects: {
      replied: 'COUNT(DISTINCT r.suggestionId)',
      adopted: `COUNT(DISTINCT CASE WHEN ${adoptedSql('r.adoption')} THEN r.suggestionId END)`,
      partlyAdopted: `COUNT(DISTINCT CASE WHEN r.adoption = 'PARTIALLY_ADOPTED' THEN r.suggestionId END)`,
      repliesPublished: 'COUNT(*)',
      repliesOnTime: 'SUM(CASE WHEN r.onTime = 1 THEN 1 ELSE 0 END)',
    },
  },
  {
    entity: RatingEntity,
    alias: 'g',
    at: 'g.createdAt',
    where: [],
    suggestionIdColumn: 'g.suggestionId',
    key: { ...bySuggestion, UNIT: 'g.unitId' },
    unitColumn: 'g.unitId',
    selects: {
      rated: 'COUNT(*)',
      satisfied: `SUM(CASE WHEN g.level = 'SATISFIED' THEN 1 ELSE 0 END)`,
      basicallySatisfied: `SUM(CASE WHEN g.level = 'BASICALLY_SATISFIED' THEN 1 ELSE 0 END)`,
      unsatisfied: `SUM(CASE WHEN g.level = 'UNSATISFIED' THEN 1 ELSE 0 END)`,
      satisfactionPoints: `SUM(${satisfactionPointsSql('g.level')})`,
    },
  },
  {
    // 重办: an unsatisfied rating sends a replied item back to its lead unit.
    entity: TimelineEventEntity,
    alias: 'e',
    at: 'e.at',
    where: [`e.fromStatus = 'REPLIED'`, `e.toStatus = 'IN_PROGRESS'`],
    suggestionIdColumn: 'e.suggestionId',
    key: { ...bySuggestion, UNIT: 's.leadUnitId' },
    unitColumn: 's.leadUnitId',
    selects: { reopened: 'COUNT(*)' },
  },
  {
    // 评议员意见: an evaluator's opinion counts as handled when the office answered it.
    entity: EvaluatorOpinionEntity,
    alias: 'o',
    at: 'o.answeredAt',
    where: [],
    suggestionIdColumn: 'o.suggestionId',
    key: { ...bySuggestion, UNIT: 'o.unitId' },
    unitColumn: 'o.unitId',
    selects: { evaluatorOpinionsHandled: 'COUNT(*)' },
  },
];
