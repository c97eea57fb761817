import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AssignmentEntity } from '../../src/assignments/assignment.entity.js';
import { CampaignEntity } from '../../src/campaigns/campaign.entity.js';
import { EvaluatorReviewEntity } from '../../src/evaluations/evaluator-review.entity.js';
import { RatingEntity, type RatingLevel } from '../../src/replies/rating.entity.js';
import { ReplyEntity, type Adoption } from '../../src/replies/reply.entity.js';
import { ResidentEntity } from '../../src/residents/resident.entity.js';
import { StaffUserEntity } from '../../src/staff/staff-user.entity.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import type { SuggestionStatus } from '../../src/suggestions/suggestion-workflow.js';
import { supporterKeyOf } from '../../src/awards/support.service.js';
import { SuggestionSupportEntity } from '../../src/awards/suggestion-support.entity.js';
import { UnitEntity, type UnitKind } from '../../src/units/unit.entity.js';

// Seeders for award tests: closed-loop rows written straight to the database (the closed-loop
// services are tested elsewhere). Dates are instants; `sh('2026-04-01 10:00')` reads Shanghai time.

export const sh = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

export interface ItemSpec {
  unitId: number;
  authorId?: number | null;
  authorName?: string;
  consentToPublish?: boolean;
  assignedAt: Date;
  signDueAt?: Date;
  /** null: never signed. Defaults to on time. */
  signedAt?: Date | null;
  replyDueAt: Date;
  reply?: { submittedAt: Date; publishedAt?: Date; adoption: Adoption; status?: 'PUBLISHED' | 'PENDING_REVIEW' };
  rating?: { level: RatingLevel; at: Date };
  /** Status when there is no reply; REPLIED or CLOSED follow from a reply. */
  status?: SuggestionStatus;
}

export interface SeededItem {
  suggestionId: number;
  assignmentId: number;
  replyId: number | null;
}

let seq = 0;

export function awardSeeds(ds: DataSource) {
  return {
    async unit(kind: UnitKind, name?: string): Promise<number> {
      const n = ++seq;
      const at = new Date('2026-01-01T00:00:00Z');
      const r = await ds.getRepository(UnitEntity).insert({ code: `AW${n}`, name: name ?? `单位${n}`, kind, parentId: null, active: true, createdAt: at, updatedAt: at });
      return r.identifiers[0]!.id as number;
    },

    async resident(displayName: string): Promise<number> {
      const n = ++seq;
      const r = await ds.getRepository(ResidentEntity).insert({
        phoneCiphertext: null,
        phoneHash: createHash('sha256').update(`award-resident-${n}-${Math.random()}`).digest('hex'),
        displayName,
        verifiedAt: null,
        notificationOptOuts: [],
        deletedAt: null,
        createdAt: new Date('2026-01-01T00:00:00Z'),
      });
      return r.identifiers[0]!.id as number;
    },

    async evaluator(): Promise<number> {
      const n = ++seq;
      const r = await ds.getRepository(StaffUserEntity).insert({
        username: `award-evaluator-${n}`,
        passwordHash: 'x',
        displayName: `评议员${n}`,
        roles: ['EVALUATOR'],
        unitId: null,
        active: true,
        createdAt: new Date('2026-01-01T00:00:00Z'),
      });
      return r.identifiers[0]!.id as number;
    },

    async campaign(): Promise<number> {
      const n = ++seq;
      const r = await ds.getRepository(CampaignEntity).insert({
        year: 2026,
        number: 1000 + n,
        title: `第${n}期`,
        topic: '评选测试',
        description: '评选测试',
        opensAt: new Date('2026-01-01T00:00:00Z'),
        closesAt: new Date('2026-12-31T00:00:00Z'),
        status: 'OPEN',
        categories: ['城市建设'],
        signDays: 1,
        replyDays: 10,
        reopenReplyDays: 5,
        ratingWindowDays: 7,
        maxReopens: 1,
        requireReplyReview: false,
        prizeText: null,
        createdAt: new Date('2026-01-01T00:00:00Z'),
        updatedAt: new Date('2026-01-01T00:00:00Z'),
      });
      return r.identifiers[0]!.id as number;
    },

    /** A suggestion, its LEAD assignment, and optionally a reply and the author's rating. */
    async item(campaignId: number, spec: ItemSpec): Promise<SeededItem> {
      const n = ++seq;
      const reply = spec.reply;
      const published = reply && (reply.status ?? 'PUBLISHED') === 'PUBLISHED';
      const status: SuggestionStatus = spec.rating ? 'CLOSED' : published ? 'REPLIED' : reply ? 'REPLY_REVIEW' : (spec.status ?? 'IN_PROGRESS');
      const s = await ds.getRepository(SuggestionEntity).insert({
        campaignId,
        authorId: spec.authorId === undefined ? null : spec.authorId,
        title: `建议${n}`,
        body: `建议内容${n}，请予研究。`,
        category: '城市建设',
        location: null,
        consentToPublish: spec.consentToPublish ?? true,
        anonymous: false,
        authorName: spec.authorName ?? null,
        status,
        idempotencyKey: `award-item-${n}-${Math.random().toString(36).slice(2, 10)}`,
        contentHash: 'x'.repeat(64),
        version: 1,
        reopenCount: 0,
        leadUnitId: spec.unitId,
        signDueAt: spec.signDueAt ?? new Date(spec.assignedAt.getTime() + 86400_000),
        replyDueAt: spec.replyDueAt,
        ratingDueAt: null,
        mergedIntoId: null,
        adoption: published ? reply.adoption : null,
        published: !!published && (spec.consentToPublish ?? true),
        closeReason: null,
        closedAt: spec.rating ? spec.rating.at : null,
        submittedAt: new Date(spec.assignedAt.getTime() - 3600_000),
        updatedAt: spec.assignedAt,
      });
      const suggestionId = s.identifiers[0]!.id as number;
      const signDueAt = spec.signDueAt ?? new Date(spec.assignedAt.getTime() + 86400_000);
      const a = await ds.getRepository(AssignmentEntity).insert({
        suggestionId,
        unitId: spec.unitId,
        role: 'LEAD',
        assignedById: 1,
        assignedAt: spec.assignedAt,
        signDueAt,
        signedAt: spec.signedAt === undefined ? new Date(spec.assignedAt.getTime() + 3600_000) : spec.signedAt,
        signedById: null,
        contribution: null,
        contributedAt: null,
        endedAt: null,
        endReason: null,
        endNote: null,
      });
      let replyId: number | null = null;
      if (reply) {
        const r = await ds.getRepository(ReplyEntity).insert({
          suggestionId,
          unitId: spec.unitId,
          authorId: 1,
          body: `答复${n}：已研究办理。`,
          adoption: reply.adoption,
          notAdoptedReason: reply.adoption === 'NOT_ADOPTED' ? '条件暂不具备' : null,
          templateId: null,
          status: reply.status ?? 'PUBLISHED',
          submittedAt: reply.submittedAt,
          dueAt: spec.replyDueAt,
          onTime: reply.submittedAt <= spec.replyDueAt,
          reviewedById: null,
          reviewedAt: null,
          reviewNote: null,
          publishedAt: published ? (reply.publishedAt ?? reply.submittedAt) : null,
        });
        replyId = r.identifiers[0]!.id as number;
        if (spec.rating) {
          await ds.getRepository(RatingEntity).insert({
            suggestionId,
            replyId,
            unitId: spec.unitId,
            residentId: spec.authorId ?? null,
            level: spec.rating.level,
            comment: null,
            createdAt: spec.rating.at,
          });
        }
      }
      return { suggestionId, assignmentId: a.identifiers[0]!.id as number, replyId };
    },

    async review(replyId: number, evaluatorId: number, marks: [number, number, number], at: Date): Promise<void> {
      const reply = await ds.getRepository(ReplyEntity).findOneByOrFail({ id: replyId });
      await ds.getRepository(EvaluatorReviewEntity).insert({
        replyId,
        suggestionId: reply.suggestionId,
        unitId: reply.unitId,
        evaluatorId,
        timeliness: marks[0],
        substance: marks[1],
        attitude: marks[2],
        replyPublishedAt: reply.publishedAt!,
        createdAt: at,
      });
    },

    async support(suggestionId: number, residentId: number): Promise<void> {
      // Seeded supporters stand for distinct people; the key only has to be unique per suggestion.
      await ds.getRepository(SuggestionSupportEntity).insert({ suggestionId, residentId, supporterKey: supporterKeyOf(`seeded-resident-${residentId}`, suggestionId), createdAt: new Date('2026-05-01T00:00:00Z') });
    },
  };
}
