import { OPINION_LIFECYCLE } from './opinion-lifecycle.js';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { hasRole, isStaffOfUnit, requireRole } from '../auth/actor.js';
import { EVALUATOR_KEEPERS, keepsEvaluators, opinionParties, PANEL_READERS } from './evaluation-access.js';
import { AuthService } from '../auth/auth.service.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import { isUniqueViolation } from '../database/db-errors.js';
import { Transactions } from '../database/transactions.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { StaffService } from '../staff/staff.service.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { EvaluatorOpinionEntity, type OpinionStatus } from './evaluator-opinion.entity.js';
import { EvaluatorReviewEntity } from './evaluator-review.entity.js';
import { evaluatorMayReadItem, standingOnRecord } from '../privacy/text-visibility.js';
import { msg } from '../common/i18n/message.js';

export const EVALUATOR_ROLE = 'EVALUATOR' as const;
/** Staff who see every review and opinion. */
const OVERSEERS = ['COORDINATOR', 'ADMIN', 'AUDITOR'] as const;

export interface RubricCommand {
  replyId: number;
  timeliness: number;
  substance: number;
  attitude: number;
  opinion?: string | null;
}

export interface ReviewWithOpinion {
  review: EvaluatorReviewEntity;
  opinion: EvaluatorOpinionEntity | null;
}

/** A published reply as an evaluator sees it: the unit's text in full, the resident masked. */
export interface ReplyForEvaluationRow {
  reply: ReplyEntity;
  suggestion: SuggestionEntity;
  unitName: string;
  reviewedByMe: boolean;
}

/**
 * The 金秤砣 evaluator panel: coordinators keep the evaluator accounts; evaluators mark
 * published replies on the rubric, with an optional opinion that the office answers and closes.
 */
/** Keepers of the panel (EVALUATOR_KEEPERS) may grant the evaluator role and nothing else. */
const evaluatorsOnly = (actor: Actor) => (roles: readonly string[], unitId: number | null) =>
  keepsEvaluators(actor) && unitId === null && roles.length === 1 && roles[0] === EVALUATOR_ROLE;

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly staff: StaffService,
  ) {}

  // ---- evaluator accounts (coordinator) ----

  /** The coordinator onboards evaluators (and only them); StaffService keeps the account rules and the audit. */
  async createEvaluator(actor: Actor, input: { username: string; displayName: string; password: string }): Promise<StaffUserEntity> {
    const { staffUser } = await this.staff.create(actor, { ...input, roles: [EVALUATOR_ROLE], unitId: null }, { password: input.password, mayGrant: evaluatorsOnly(actor) });
    return staffUser;
  }

  /** Deactivates (or reactivates) an evaluator account; other staff accounts are not the coordinator's to touch. */
  async setEvaluatorActive(actor: Actor, id: number, active: boolean): Promise<StaffUserEntity> {
    requireRole(actor, EVALUATOR_KEEPERS);
    return this.staff.setActive(actor, id, active, {
      mayManage: (target) => {
        if (!target.roles.includes(EVALUATOR_ROLE)) throw new NotFoundError('Evaluator', id);
        if (target.roles.some((r) => r !== EVALUATOR_ROLE)) throw new ForbiddenError(msg('evaluator.otherRoles'));
        return true;
      },
    });
  }

  async evaluators(actor: Actor, args: { first: number; after?: string | null; includeInactive?: boolean | null }): Promise<ConnectionShape<StaffUserEntity>> {
    requireRole(actor, EVALUATOR_KEEPERS);
    // roles is a simple-array (comma-separated) column; evaluator accounts hold that one role.
    const qb = this.dataSource.getRepository(StaffUserEntity).createQueryBuilder('u').where('u.roles = :role', { role: EVALUATOR_ROLE });
    if (!args.includeInactive) qb.andWhere('u.active = :active', { active: true });
    const total = countLater(qb);
    applyKeyset(qb, 'u.id', 'u.id', 'ASC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (u) => [u.id, u.id], (u) => u);
  }

  // ---- reviewing (evaluator) ----

  /** Published replies, newest first; `unreviewedOnly` hides those this evaluator already marked. */
  async repliesForEvaluation(
    actor: Actor,
    args: { first: number; after?: string | null; unitId?: number | null; unreviewedOnly?: boolean | null },
  ): Promise<ConnectionShape<ReplyForEvaluationRow>> {
    requireRole(actor, PANEL_READERS);
    const me = actor.kind === 'staff' ? actor.id : 0;
    const qb = this.dataSource
      .getRepository(ReplyEntity)
      .createQueryBuilder('r')
      .where("r.status = 'PUBLISHED'");
    // evaluatorMayReadItem (text-visibility.ts) in SQL: an evaluator's panel holds only items whose author consented.
    if (standingOnRecord(actor) === 'EVALUATOR') {
      qb.innerJoin(SuggestionEntity, 'ps', 'ps.id = r.suggestionId AND ps.consentToPublish = :consented', { consented: true });
    }
    if (args.unitId) qb.andWhere('r.unitId = :unitId', { unitId: args.unitId });
    if (args.unreviewedOnly) {
      qb.andWhere(
        `NOT EXISTS (SELECT 1 FROM evaluator_reviews er WHERE er.replyId = r.id AND er.evaluatorId = :me)`,
        { me },
      );
    }
    const total = countLater(qb);
    applyKeyset(qb, 'r.id', 'r.id', 'DESC', args.after);
    const replies = await qb.take(args.first + 1).getMany();
    const ids = replies.map((r) => r.id);
    const [suggestions, units, mine] = await Promise.all([
      replies.length ? this.dataSource.getRepository(SuggestionEntity).findBy({ id: In(replies.map((r) => r.suggestionId)) }) : [],
      replies.length ? this.dataSource.getRepository(UnitEntity).findBy({ id: In(replies.map((r) => r.unitId)) }) : [],
      ids.length ? this.dataSource.getRepository(EvaluatorReviewEntity).findBy({ replyId: In(ids), evaluatorId: me }) : [],
    ]);
    const sById = new Map(suggestions.map((s) => [s.id, s]));
    const uById = new Map(units.map((u) => [u.id, u]));
    const reviewed = new Set(mine.map((m) => m.replyId));
    const rows = replies.map((reply) => ({
      reply,
      suggestion: sById.get(reply.suggestionId)!,
      unitName: uById.get(reply.unitId)?.name ?? '',
      reviewedByMe: reviewed.has(reply.id),
    }));
    return toConnection(rows, args.first, total, (r) => [r.reply.id, r.reply.id], (r) => r);
  }

  /** One review per evaluator per reply; a second answers CONFLICT. The opinion, if any, opens as an item of its own. */
  async evaluateReply(actor: Actor, input: RubricCommand): Promise<ReviewWithOpinion> {
    if (actor.kind !== 'staff') throw new ForbiddenError(msg('evaluator.only'));
    for (const field of ['timeliness', 'substance', 'attitude'] as const) {
      const v = input[field];
      if (!Number.isInteger(v) || v < 1 || v > 5) throw new ValidationError(msg('evaluation.mark', { field }), field);
    }
    const opinion = input.opinion?.trim() || null;
    try {
      return await this.tx.run(async (em) => {
        const evaluator = await em.findOneBy(StaffUserEntity, { id: actor.id });
        if (!evaluator?.active || !evaluator.roles.includes(EVALUATOR_ROLE)) throw new ForbiddenError(msg('evaluator.inactive'));
        const reply = await em.findOneBy(ReplyEntity, { id: input.replyId });
        if (!reply || reply.status !== 'PUBLISHED' || !reply.publishedAt) throw new NotFoundError('PublishedReply', input.replyId);
        const item = await em.findOneBy(SuggestionEntity, { id: reply.suggestionId });
        // A reply the evaluator may not read (no consent to publish) is not there for them.
        if (!item || !evaluatorMayReadItem(item)) throw new NotFoundError('PublishedReply', input.replyId);
        if (await em.findOneBy(EvaluatorReviewEntity, { replyId: reply.id, evaluatorId: actor.id })) {
          throw new ConflictError(msg('evaluation.duplicate'), { field: 'replyId' });
        }
        const now = this.clock.now();
        const review = {
          replyId: reply.id,
          suggestionId: reply.suggestionId,
          unitId: reply.unitId,
          evaluatorId: actor.id,
          timeliness: input.timeliness,
          substance: input.substance,
          attitude: input.attitude,
          replyPublishedAt: reply.publishedAt,
          createdAt: now,
        };
        const reviewId = (await em.insert(EvaluatorReviewEntity, review)).identifiers[0]!.id as number;
        let opinionRow: EvaluatorOpinionEntity | null = null;
        if (opinion) {
          const row = {
            reviewId,
            evaluatorId: actor.id,
            replyId: reply.id,
            suggestionId: reply.suggestionId,
            unitId: reply.unitId,
            body: opinion,
            status: 'OPEN' as const,
            answer: null,
            answeredById: null,
            answeredAt: null,
            createdAt: now,
          };
          opinionRow = { ...row, id: (await em.insert(EvaluatorOpinionEntity, row)).identifiers[0]!.id as number };
        }
        return { review: { ...review, id: reviewId }, opinion: opinionRow };
      });
    } catch (err) {
      // Two submissions racing: the unique key lets one through.
      if (isUniqueViolation(err)) throw new ConflictError(msg('evaluation.duplicate'), { field: 'replyId' });
      throw err;
    }
  }

  // ---- opinions (coordinator) ----

  /** Answers an open opinion and closes it; an opinion is answered once. */
  async answerOpinion(actor: Actor, input: { opinionId: number; answer: string }): Promise<EvaluatorOpinionEntity> {
    const answer = input.answer.trim();
    if (!answer) throw new ValidationError(msg('input.notBlank', { field: 'answer' }), 'answer');
    return this.tx.run(async (em) => {
      const opinion = await em.findOneBy(EvaluatorOpinionEntity, { id: input.opinionId });
      if (!opinion) throw new NotFoundError('EvaluatorOpinion', input.opinionId);
      const { to } = OPINION_LIFECYCLE.decide(opinion.status, 'answer', opinionParties(actor), {});
      const now = this.clock.now();
      const changes = { status: to, answer, answeredById: actor.kind === 'staff' ? actor.id : null, answeredAt: now };
      // Conditional on the status read: two answers at once, one wins.
      const result = await em.update(EvaluatorOpinionEntity, { id: opinion.id, status: opinion.status }, changes);
      if (result.affected === 0) throw new ConflictError(msg('opinion.closed'), { status: 'CLOSED' });
      return { ...opinion, ...changes };
    });
  }

  /**
   * Reviews with their opinions, newest first. Evaluators see their own; unit staff those of
   * their unit (without who wrote them); coordinators, administrators and auditors all.
   */
  async reviews(
    actor: Actor,
    args: { first: number; after?: string | null; opinionStatus?: OpinionStatus | null; withOpinionOnly?: boolean | null; unitId?: number | null; replyId?: number | null },
  ): Promise<ConnectionShape<ReviewWithOpinion & { showEvaluator: boolean }>> {
    const qb = this.dataSource.getRepository(EvaluatorReviewEntity).createQueryBuilder('e');
    const overseer = hasRole(actor, ...OVERSEERS);
    let showEvaluator = overseer;
    if (!overseer) {
      if (hasRole(actor, EVALUATOR_ROLE) && actor.kind === 'staff') {
        qb.andWhere('e.evaluatorId = :me', { me: actor.id });
        showEvaluator = true;
      } else if (actor.kind === 'staff' && isStaffOfUnit(actor, actor.unitId)) {
        qb.andWhere('e.unitId = :mine', { mine: actor.unitId });
      } else {
        throw new ForbiddenError();
      }
    }
    if (args.unitId) qb.andWhere('e.unitId = :unitId', { unitId: args.unitId });
    if (args.replyId) qb.andWhere('e.replyId = :replyId', { replyId: args.replyId });
    if (args.opinionStatus || args.withOpinionOnly) {
      qb.innerJoin(EvaluatorOpinionEntity, 'o', 'o.reviewId = e.id');
      if (args.opinionStatus) qb.andWhere('o.status = :status', { status: args.opinionStatus });
    }
    const total = countLater(qb);
    applyKeyset(qb, 'e.id', 'e.id', 'DESC', args.after);
    // limit, not take: the opinion join is one-to-one, so rows never multiply.
    const reviews = await qb.limit(args.first + 1).getMany();
    const opinions = reviews.length
      ? await this.dataSource.getRepository(EvaluatorOpinionEntity).findBy({ reviewId: In(reviews.map((r) => r.id)) })
      : [];
    const byReview = new Map(opinions.map((o) => [o.reviewId, o]));
    const rows = reviews.map((review) => ({ review, opinion: byReview.get(review.id) ?? null, showEvaluator }));
    return toConnection(rows, args.first, total, (r) => [r.review.id, r.review.id], (r) => r);
  }
}
