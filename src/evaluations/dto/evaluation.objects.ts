import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../graphql/connection.js';
import { AdoptionEnum } from '../../replies/dto/reply.object.js';
import type { Adoption } from '../../replies/reply.entity.js';
import { authorDisplay } from '../../suggestions/dto/suggestion.object.js';
import { trackingNumberOf } from '../../suggestions/tracking-number.js';
import type { StaffUserEntity } from '../../staff/staff-user.entity.js';
import { evaluatorScore } from '../../awards/award-scoring.js';
import { OPINION_STATUSES, type EvaluatorOpinionEntity, type OpinionStatus } from '../evaluator-opinion.entity.js';
import type { EvaluatorReviewEntity } from '../evaluator-review.entity.js';
import type { ReplyForEvaluationRow } from '../evaluations.service.js';
import { readText, WITHHELD, type Standing } from '../../privacy/text-visibility.js';

export const OpinionStatusEnum = Object.fromEntries(OPINION_STATUSES.map((s) => [s, s])) as { [K in OpinionStatus]: K };
registerEnumType(OpinionStatusEnum, { name: 'EvaluatorOpinionStatus', description: 'OPEN until the office answers it, then CLOSED' });

@ObjectType('Evaluator', { description: 'A 金秤砣 public evaluator account' })
export class EvaluatorObject {
  @Field(() => Int) id: number;
  @Field() username: string;
  @Field() displayName: string;
  @Field() active: boolean;
  @Field() createdAt: Date;
}

export function toEvaluatorObject(u: Pick<StaffUserEntity, 'id' | 'username' | 'displayName' | 'active' | 'createdAt'>): EvaluatorObject {
  return { id: u.id, username: u.username, displayName: u.displayName, active: u.active, createdAt: u.createdAt };
}

@ObjectType('EvaluatorOpinion', { description: 'An evaluator’s opinion, handled as an item: answered by the office, then closed' })
export class EvaluatorOpinionObject {
  @Field(() => Int) id: number;
  @Field(() => Int) reviewId: number;
  @Field(() => Int) replyId: number;
  @Field(() => Int) unitId: number;
  @Field() body: string;
  @Field(() => OpinionStatusEnum) status: OpinionStatus;
  @Field(() => String, { nullable: true }) answer: string | null;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  @Field() createdAt: Date;
}

/** Opinions and answers are staff records: every reader gets them masked (text-visibility.ts). */
export function toOpinionObject(o: EvaluatorOpinionEntity, standing: Standing): EvaluatorOpinionObject {
  const read = (text: string | null) => readText(standing, 'STAFF_RECORD', text, { consentToPublish: false, authorName: null });
  return { id: o.id, reviewId: o.reviewId, replyId: o.replyId, unitId: o.unitId, body: read(o.body) ?? WITHHELD, status: o.status, answer: read(o.answer), answeredAt: o.answeredAt, createdAt: o.createdAt };
}

@ObjectType('EvaluatorReview', { description: 'Rubric marks (1–5) for one published reply' })
export class EvaluatorReviewObject {
  @Field(() => Int) id: number;
  @Field(() => Int) replyId: number;
  @Field(() => Int) suggestionId: number;
  @Field(() => Int) unitId: number;
  @Field(() => Int, { nullable: true, description: 'Hidden from unit staff' }) evaluatorId: number | null;
  @Field(() => Int) timeliness: number;
  @Field(() => Int) substance: number;
  @Field(() => Int) attitude: number;
  @Field(() => Float, { description: 'Mean mark scaled to 0–100 ((mean − 1) / 4 × 100)' }) score: number;
  @Field() createdAt: Date;
  @Field(() => EvaluatorOpinionObject, { nullable: true }) opinion: EvaluatorOpinionObject | null;
}

export function toReviewObject(r: EvaluatorReviewEntity, opinion: EvaluatorOpinionEntity | null, standing: Standing, showEvaluator = true): EvaluatorReviewObject {
  return {
    id: r.id,
    replyId: r.replyId,
    suggestionId: r.suggestionId,
    unitId: r.unitId,
    evaluatorId: showEvaluator ? r.evaluatorId : null,
    timeliness: r.timeliness,
    substance: r.substance,
    attitude: r.attitude,
    score: evaluatorScore(r.timeliness + r.substance + r.attitude, 1)! / 100,
    createdAt: r.createdAt,
    opinion: opinion && toOpinionObject(opinion, standing),
  };
}

@ObjectType('ReplyForEvaluation', { description: 'A published reply for the evaluator panel; the resident is masked and the suggestion shown only with consent' })
export class ReplyForEvaluationObject {
  @Field(() => Int) replyId: number;
  @Field(() => Int) suggestionId: number;
  @Field() trackingNumber: string;
  @Field() category: string;
  @Field(() => String, { nullable: true }) suggestionTitle: string | null;
  @Field(() => String, { nullable: true }) suggestionBody: string | null;
  @Field() authorDisplay: string;
  @Field(() => Int) unitId: number;
  @Field() unitName: string;
  @Field() replyBody: string;
  @Field(() => AdoptionEnum) adoption: Adoption;
  @Field(() => String, { nullable: true }) notAdoptedReason: string | null;
  @Field() dueAt: Date;
  @Field() onTime: boolean;
  @Field() publishedAt: Date;
  @Field({ description: 'You have reviewed it already' }) reviewedByMe: boolean;
}

/** Every text read through the policy as the caller stands: evaluators see only what consent makes public, masked. */
export function toReplyForEvaluation(row: ReplyForEvaluationRow, standing: Standing): ReplyForEvaluationObject {
  const { reply, suggestion: s } = row;
  const answer = { ...s, published: reply.status === 'PUBLISHED' };
  return {
    replyId: reply.id,
    suggestionId: s.id,
    trackingNumber: trackingNumberOf(s),
    category: s.category,
    suggestionTitle: readText(standing, 'AUTHOR_TEXT', s.title, s),
    suggestionBody: readText(standing, 'AUTHOR_TEXT', s.body, s),
    authorDisplay: authorDisplay(s),
    unitId: reply.unitId,
    unitName: row.unitName,
    replyBody: readText(standing, 'ANSWER', reply.body, answer) ?? WITHHELD,
    adoption: reply.adoption,
    notAdoptedReason: readText(standing, 'ANSWER', reply.notAdoptedReason, answer),
    dueAt: reply.dueAt,
    onTime: reply.onTime,
    publishedAt: reply.publishedAt!,
    reviewedByMe: row.reviewedByMe,
  };
}

@ObjectType('EvaluateReplyPayload')
export class EvaluateReplyPayload {
  @Field(() => EvaluatorReviewObject) review: EvaluatorReviewObject;
}

@ObjectType('AnswerEvaluatorOpinionPayload')
export class AnswerEvaluatorOpinionPayload {
  @Field(() => EvaluatorOpinionObject) opinion: EvaluatorOpinionObject;
}

@ObjectType('EvaluatorPayload')
export class EvaluatorPayload {
  @Field(() => EvaluatorObject) evaluator: EvaluatorObject;
}

export const EvaluatorConnection = Connection(EvaluatorObject, 'Evaluator');
export const EvaluatorReviewConnection = Connection(EvaluatorReviewObject, 'EvaluatorReview');
export const ReplyForEvaluationConnection = Connection(ReplyForEvaluationObject, 'ReplyForEvaluation');
