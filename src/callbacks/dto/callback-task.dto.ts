import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Connection, ConnectionArgs } from '../../graphql/connection.js';
import { CALLBACK_OUTCOMES, type CallbackOutcome, type CallbackTaskStatus } from '../callback-task.entity.js';
import { CALLBACK_STATUSES } from '../callback-lifecycle.js';

export const CallbackOutcomeEnum = Object.fromEntries(CALLBACK_OUTCOMES.map((k) => [k, k])) as { [K in CallbackOutcome]: K };
registerEnumType(CallbackOutcomeEnum, {
  name: 'CallbackOutcome',
  description: 'REACHED_SATISFIED 已回访·满意, REACHED_UNSATISFIED 已回访·不满意, REACHED_NO_COMMENT 已回访·无意见, NOT_REACHED 未接通, DECLINED 拒绝回访',
});
export const CallbackTaskStatusEnum = Object.fromEntries(CALLBACK_STATUSES.map((k) => [k, k])) as { [K in CallbackTaskStatus]: K };
registerEnumType(CallbackTaskStatusEnum, { name: 'CallbackTaskStatus', description: 'OPEN 待回访, DONE 已完成' });

@ObjectType('CallbackTask', { description: 'The office’s follow-up call (回访) to the author after a reply' })
export class CallbackTaskObject {
  @Field(() => Int) id: number;
  @Field(() => CallbackTaskStatusEnum) status: CallbackTaskStatus;
  @Field(() => Int) suggestionId: number;
  @Field() trackingNumber: string;
  @Field(() => Int) replyId: number;
  @Field(() => String, { nullable: true, description: 'The author’s phone, masked (138****1234); null when the account was deleted' })
  phoneMasked: string | null;
  @Field({ description: 'Call by the end of this day (working days after the reply)' }) dueAt: Date;
  @Field(() => CallbackOutcomeEnum, { nullable: true }) outcome: CallbackOutcome | null;
  /** The caller's notes as written; the `note` field renders them through the item's text rule (item-text.resolver.ts). */
  rawNote: string | null;
  @Field(() => Int, { nullable: true }) completedById: number | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field() createdAt: Date;
}

export const CallbackTaskConnection = Connection(CallbackTaskObject, 'CallbackTask');

@ArgsType()
export class CallbackTasksArgs extends ConnectionArgs {
  @Field(() => CallbackTaskStatusEnum, { nullable: true, description: 'OPEN tasks come oldest due first; all others newest first' })
  @IsOptional()
  @IsIn(CALLBACK_STATUSES)
  status?: CallbackTaskStatus | null;

  @Field(() => Int, { nullable: true, description: 'Only the tasks of this item' })
  @IsOptional()
  @IsInt()
  @Min(1)
  suggestionId?: number | null;
}

@InputType()
export class CompleteCallbackTaskInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field(() => CallbackOutcomeEnum) @IsIn(CALLBACK_OUTCOMES) outcome: CallbackOutcome;
  @Field(() => String, { nullable: true, description: 'Up to 500 characters' }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

@ObjectType()
export class CompleteCallbackTaskPayload {
  @Field(() => CallbackTaskObject) task: CallbackTaskObject;
}
