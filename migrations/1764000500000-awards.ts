import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, datetime, id, index, int, nullable, text, varchar } from './columns.js';

// Evaluator panel, public support and quarterly award rounds, plus the covering indexes the
// quarterly aggregation reads on the closed-loop tables (docs/awards.md, "Scale").
const CLOSED_LOOP_INDEXES: [string, TableIndex][] = [
  ['assignments', index('ix_assignments_lead_window', ['role', 'assignedAt', 'unitId', 'signDueAt', 'signedAt'])],
  ['replies', index('ix_replies_due_window', ['status', 'dueAt', 'unitId', 'onTime'])],
  ['replies', index('ix_replies_published_window', ['status', 'publishedAt', 'unitId', 'adoption', 'suggestionId'])],
  ['ratings', index('ix_ratings_created_unit', ['createdAt', 'unitId', 'level'])],
  ['suggestions', index('ix_suggestions_status_reply_due', ['status', 'replyDueAt', 'leadUnitId'])],
];

const TABLES = [
  'award_round_events',
  'award_winners',
  'suggestion_scores',
  'unit_scores',
  'award_rounds',
  'suggestion_supports',
  'evaluator_opinions',
  'evaluator_reviews',
];

export class Awards1764000500000 implements MigrationInterface {
  name = 'Awards1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'evaluator_reviews',
        columns: [
          id(),
          int('replyId'),
          int('suggestionId'),
          int('unitId'),
          int('evaluatorId'),
          int('timeliness'),
          int('substance'),
          int('attitude'),
          datetime('replyPublishedAt'),
          datetime('createdAt'),
        ],
        indices: [
          index('uq_evaluator_reviews_reply_evaluator', ['replyId', 'evaluatorId'], true),
          index('ix_evaluator_reviews_published_unit', ['replyPublishedAt', 'unitId']),
          index('ix_evaluator_reviews_suggestion', ['suggestionId']),
          index('ix_evaluator_reviews_evaluator', ['evaluatorId', 'id']),
          index('ix_evaluator_reviews_unit', ['unitId', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evaluator_opinions',
        columns: [
          id(),
          int('reviewId'),
          int('evaluatorId'),
          int('replyId'),
          int('suggestionId'),
          int('unitId'),
          text('body'),
          varchar('status', 10),
          text('answer', nullable),
          int('answeredById', nullable),
          datetime('answeredAt', nullable),
          datetime('createdAt'),
        ],
        indices: [
          index('uq_evaluator_opinions_review', ['reviewId'], true),
          index('ix_evaluator_opinions_status', ['status', 'id']),
          index('ix_evaluator_opinions_answered', ['answeredAt']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'suggestion_supports',
        columns: [id(), int('suggestionId'), int('residentId'), datetime('createdAt')],
        indices: [
          index('uq_suggestion_supports_suggestion_resident', ['suggestionId', 'residentId'], true),
          index('ix_suggestion_supports_resident', ['residentId']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'award_rounds',
        columns: [
          id(),
          varchar('quarter', 6),
          varchar('status', 12),
          text('settings'),
          int('citizenCandidates', { default: 0 }),
          datetime('computedAt', nullable),
          int('computedById', nullable),
          datetime('publishedAt', nullable),
          int('publishedById', nullable),
          datetime('createdAt'),
          datetime('updatedAt'),
        ],
        indices: [index('uq_award_rounds_quarter', ['quarter'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'unit_scores',
        columns: [
          id(),
          int('roundId'),
          int('unitId'),
          varchar('unitCode', 32),
          varchar('unitName', 100),
          varchar('unitGroup', 16),
          int('position'),
          varchar('standing', 16),
          int('rank', nullable),
          int('assignedCount'),
          int('signedOnTimeCount'),
          int('repliesDueCount'),
          int('repliedOnTimeCount'),
          int('ratedCount'),
          int('satisfactionPoints'),
          int('repliedCount'),
          int('adoptedCount'),
          int('reviewCount'),
          int('reviewPoints'),
          int('responseRate', nullable),
          int('onTimeRate', nullable),
          int('satisfaction', nullable),
          int('adoptionRate', nullable),
          int('evaluatorScore', nullable),
          int('composite', nullable),
        ],
        indices: [
          index('uq_unit_scores_round_unit', ['roundId', 'unitId'], true),
          index('ix_unit_scores_round_group', ['roundId', 'unitGroup', 'position']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'suggestion_scores',
        columns: [
          id(),
          int('roundId'),
          int('suggestionId'),
          int('unitId', nullable),
          varchar('adoption', 20),
          int('adoptionScore'),
          int('supportCount'),
          int('supportScore'),
          int('reviewCount'),
          int('reviewPoints'),
          int('evaluatorScore', nullable),
          int('composite'),
          int('rank', nullable),
          bool('nominated', { default: false }),
        ],
        indices: [
          index('uq_suggestion_scores_round_suggestion', ['roundId', 'suggestionId'], true),
          index('ix_suggestion_scores_round_order', ['roundId', 'composite', 'adoptionScore', 'supportCount']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'award_winners',
        columns: [id(), int('roundId'), int('suggestionId'), varchar('citation', 500), int('confirmedById'), datetime('confirmedAt')],
        indices: [index('uq_award_winners_round_suggestion', ['roundId', 'suggestionId'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'award_round_events',
        columns: [id(), int('roundId'), varchar('action', 24), varchar('actorKind', 16), int('actorId', nullable), text('details'), datetime('at')],
        indices: [index('ix_award_round_events_round', ['roundId', 'id'])],
      }),
    );
    for (const [table, idx] of CLOSED_LOOP_INDEXES) await q.createIndex(table, idx);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, idx] of [...CLOSED_LOOP_INDEXES].reverse()) await q.dropIndex(table, idx.name!);
    for (const t of TABLES) await q.dropTable(t);
  }
}
