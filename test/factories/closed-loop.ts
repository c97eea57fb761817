import type { DataSource } from 'typeorm';
import { AssignmentEntity, type AssignmentEnd, type AssignmentRole } from '../../src/assignments/assignment.entity.js';
import { EvaluatorOpinionEntity } from '../../src/evaluations/evaluator-opinion.entity.js';
import { RatingEntity, type RatingLevel } from '../../src/replies/rating.entity.js';
import { ReplyEntity, type Adoption, type ReplyStatus } from '../../src/replies/reply.entity.js';
import { indexSuggestionText } from '../../src/search/search-index.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import type { SuggestionStatus } from '../../src/suggestions/suggestion-workflow.js';
import { TimelineEventEntity } from '../../src/suggestions/timeline-event.entity.js';
import type { TestApp } from '../helpers/test-app.js';

let seq = 0;
const at = (value: Date | string) => new Date(value);

/**
 * Seeders that write closed-loop rows straight to the database (semantics in the entities'
 * doc comments), for the feed and statistics tests. Suggestions are also search-indexed.
 */
export function closedLoop(t: TestApp) {
  const ds: DataSource = t.dataSource;
  return {
    async suggestion(o: {
      campaignId: number;
      submittedAt: Date | string;
      title?: string;
      body?: string;
      category?: string;
      location?: string | null;
      status?: SuggestionStatus;
      authorId?: number | null;
      authorName?: string | null;
      anonymous?: boolean;
      consentToPublish?: boolean;
      published?: boolean;
      leadUnitId?: number | null;
      adoption?: Adoption | null;
    }) {
      const n = ++seq;
      const row = {
        campaignId: o.campaignId,
        authorId: o.authorId ?? null,
        title: o.title ?? `建议${n}`,
        body: o.body ?? `这是第${n}条测试建议的正文内容。`,
        category: o.category ?? '城市建设',
        location: o.location ?? null,
        consentToPublish: o.consentToPublish ?? true,
        anonymous: o.anonymous ?? false,
        authorName: o.authorName === undefined ? `居民${n}` : o.authorName,
        status: o.status ?? 'SUBMITTED',
        idempotencyKey: `closed-loop-seed-${n}`,
        contentHash: 'seeded',
        version: 1,
        reopenCount: 0,
        leadUnitId: o.leadUnitId ?? null,
        signDueAt: null,
        replyDueAt: null,
        ratingDueAt: null,
        mergedIntoId: null,
        adoption: o.adoption ?? null,
        published: o.published ?? false,
        closeReason: null,
        closedAt: null,
        submittedAt: at(o.submittedAt),
        updatedAt: at(o.submittedAt),
      };
      const id = await ds.transaction(async (em) => {
        const r = await em.insert(SuggestionEntity, row);
        const id = r.identifiers[0]!.id as number;
        await indexSuggestionText(em, id, row.title, row.body, row.authorName);
        return id;
      });
      return { ...row, id };
    },

    async assignment(o: {
      suggestionId: number;
      unitId: number;
      role?: AssignmentRole;
      assignedAt: Date | string;
      signDueAt: Date | string;
      signedAt?: Date | string | null;
      endedAt?: Date | string | null;
      endReason?: AssignmentEnd | null;
    }) {
      const row = {
        suggestionId: o.suggestionId,
        unitId: o.unitId,
        role: o.role ?? 'LEAD',
        assignedById: 1,
        assignedAt: at(o.assignedAt),
        signDueAt: at(o.signDueAt),
        signedAt: o.signedAt ? at(o.signedAt) : null,
        signedById: o.signedAt ? 1 : null,
        contribution: null,
        contributedAt: null,
        endedAt: o.endedAt ? at(o.endedAt) : null,
        endReason: o.endReason ?? null,
        endNote: null,
      };
      const r = await ds.getRepository(AssignmentEntity).insert(row);
      return { ...row, id: r.identifiers[0]!.id as number };
    },

    async reply(o: {
      suggestionId: number;
      unitId: number;
      adoption: Adoption;
      onTime: boolean;
      publishedAt: Date | string | null;
      status?: ReplyStatus;
      body?: string;
    }) {
      const when = at(o.publishedAt ?? '2000-01-01T00:00:00Z');
      const row = {
        suggestionId: o.suggestionId,
        unitId: o.unitId,
        authorId: 1,
        body: o.body ?? '感谢您的建议，我单位已研究办理。',
        adoption: o.adoption,
        notAdoptedReason: o.adoption === 'NOT_ADOPTED' ? '暂不具备条件' : null,
        templateId: null,
        status: o.status ?? (o.publishedAt ? 'PUBLISHED' : 'PENDING_REVIEW'),
        submittedAt: when,
        dueAt: when,
        onTime: o.onTime,
        reviewedById: null,
        reviewedAt: null,
        reviewNote: null,
        publishedAt: o.publishedAt ? when : null,
      } satisfies Omit<ReplyEntity, 'id'>;
      const r = await ds.getRepository(ReplyEntity).insert(row);
      return { ...row, id: r.identifiers[0]!.id as number };
    },

    async rating(o: { suggestionId: number; replyId: number; unitId: number; level: RatingLevel; createdAt: Date | string; comment?: string }) {
      const row = { ...o, residentId: null, comment: o.comment ?? null, createdAt: at(o.createdAt) };
      const r = await ds.getRepository(RatingEntity).insert(row);
      return { ...row, id: r.identifiers[0]!.id as number };
    },

    /** A timeline event (status changes only; statistics read rejections and reopenings from here). */
    async event(o: { suggestionId: number; action: string; fromStatus: string | null; toStatus: string | null; at: Date | string }) {
      await ds.getRepository(TimelineEventEntity).insert({ ...o, actorKind: 'SYSTEM', actorId: null, unitId: null, note: null, at: at(o.at) });
    },

    async evaluatorOpinion(o: { suggestionId: number; replyId: number; unitId: number; createdAt: Date | string; answeredAt?: Date | string | null }) {
      const n = ++seq;
      await ds.getRepository(EvaluatorOpinionEntity).insert({
        reviewId: 100_000 + n,
        evaluatorId: 1,
        replyId: o.replyId,
        suggestionId: o.suggestionId,
        unitId: o.unitId,
        body: '答复较为笼统，建议补充时间表。',
        status: o.answeredAt ? 'CLOSED' : 'OPEN',
        answer: o.answeredAt ? '已转单位补充。' : null,
        answeredById: o.answeredAt ? 1 : null,
        answeredAt: o.answeredAt ? at(o.answeredAt) : null,
        createdAt: at(o.createdAt),
      });
    },
  };
}
