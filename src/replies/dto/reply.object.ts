import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ADOPTIONS, type Adoption, type ReplyEntity } from '../reply.entity.js';
import { RATING_LEVELS, type RatingEntity, type RatingLevel } from '../rating.entity.js';
import type { ReplyTemplateEntity } from '../reply-template.entity.js';

export const AdoptionEnum = Object.fromEntries(ADOPTIONS.map((k) => [k, k])) as { [K in Adoption]: K };
registerEnumType(AdoptionEnum, {
  name: 'Adoption',
  description: 'ADOPTED 采纳, PARTIALLY_ADOPTED 部分采纳, ALREADY_DONE 已在实施, FOR_REFERENCE 留作参考, NOT_ADOPTED 暂不采纳',
});
export const RatingLevelEnum = Object.fromEntries(RATING_LEVELS.map((k) => [k, k])) as { [K in RatingLevel]: K };
registerEnumType(RatingLevelEnum, { name: 'RatingLevel', description: 'SATISFIED 满意, BASICALLY_SATISFIED 基本满意, UNSATISFIED 不满意' });

@ObjectType('Reply', { description: 'A lead unit’s reply; residents and the public see only published ones' })
export class ReplyObject {
  @Field(() => Int) id: number;
  @Field(() => Int) suggestionId: number;
  @Field(() => Int) unitId: number;
  @Field(() => AdoptionEnum) adoption: Adoption;
  @Field({ description: 'PENDING_REVIEW, PUBLISHED or SENT_BACK' }) status: string;
  @Field() submittedAt: Date;
  @Field() dueAt: Date;
  @Field({ description: 'Replied by the deadline in force (按时办结)' }) onTime: boolean;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  // body, notAdoptedReason and reviewNote are resolved per reader (ItemTextResolver).
  raw: { body: string; notAdoptedReason: string | null; reviewNote: string | null };
}

export function toReplyObject(r: ReplyEntity): ReplyObject {
  return {
    id: r.id,
    suggestionId: r.suggestionId,
    unitId: r.unitId,
    adoption: r.adoption,
    status: r.status,
    submittedAt: r.submittedAt,
    dueAt: r.dueAt,
    onTime: r.onTime,
    publishedAt: r.publishedAt,
    raw: { body: r.body, notAdoptedReason: r.notAdoptedReason, reviewNote: r.reviewNote },
  };
}

@ObjectType('Rating')
export class RatingObject {
  @Field(() => Int) id: number;
  @Field(() => Int) replyId: number;
  @Field(() => RatingLevelEnum) level: RatingLevel;
  @Field() createdAt: Date;
  // `comment` is resolved per reader (ItemTextResolver).
  suggestionId: number;
  rawComment: string | null;
}

export function toRatingObject(r: RatingEntity): RatingObject {
  return { id: r.id, replyId: r.replyId, level: r.level, createdAt: r.createdAt, suggestionId: r.suggestionId, rawComment: r.comment };
}

@ObjectType('ReplyTemplate')
export class ReplyTemplateObject {
  @Field(() => Int) id: number;
  @Field(() => Int, { nullable: true, description: 'null: shared by every unit' }) unitId: number | null;
  @Field() title: string;
  @Field() body: string;
  @Field(() => AdoptionEnum, { nullable: true }) adoption: Adoption | null;
  @Field({ description: 'false once retired (retireReplyTemplate): no longer offered for new replies' }) active: boolean;
}

export function toReplyTemplateObject(t: ReplyTemplateEntity): ReplyTemplateObject {
  return { id: t.id, unitId: t.unitId, title: t.title, body: t.body, adoption: t.adoption, active: t.active };
}
