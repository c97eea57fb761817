import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../graphql/connection.js';
import type { AssignmentEntity } from '../assignment.entity.js';
import type { ExtensionRequestEntity } from '../extension-request.entity.js';

@ObjectType('Assignment', { description: 'A unit’s responsibility for an item: LEAD (主办) or CO (协办)' })
export class AssignmentObject {
  @Field(() => Int) id: number;
  @Field(() => Int) suggestionId: number;
  @Field(() => Int) unitId: number;
  @Field() role: string;
  @Field() assignedAt: Date;
  @Field() signDueAt: Date;
  @Field(() => Date, { nullable: true }) signedAt: Date | null;
  @Field(() => Date, { nullable: true }) endedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'TRANSFERRED or RETURNED' }) endReason: string | null;
  // `contribution` and `endNote` are internal notes, resolved per reader (ItemTextResolver).
  raw: { contribution: string | null; endNote: string | null };
}

export function toAssignmentObject(a: AssignmentEntity): AssignmentObject {
  return {
    id: a.id,
    suggestionId: a.suggestionId,
    unitId: a.unitId,
    role: a.role,
    assignedAt: a.assignedAt,
    signDueAt: a.signDueAt,
    signedAt: a.signedAt,
    endedAt: a.endedAt,
    endReason: a.endReason,
    raw: { contribution: a.contribution, endNote: a.endNote },
  };
}

@ObjectType('ExtensionRequest')
export class ExtensionRequestObject {
  @Field(() => Int) id: number;
  @Field(() => Int) suggestionId: number;
  @Field(() => Int) unitId: number;
  @Field(() => Int) extraWorkingDays: number;
  @Field() currentDueAt: Date;
  @Field() requestedDueAt: Date;
  @Field() status: string;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field() createdAt: Date;
  // `reason` and `decisionNote` are internal notes, resolved per reader (ItemTextResolver).
  raw: { reason: string; decisionNote: string | null };
}

export function toExtensionRequestObject(e: ExtensionRequestEntity): ExtensionRequestObject {
  return {
    id: e.id,
    suggestionId: e.suggestionId,
    unitId: e.unitId,
    extraWorkingDays: e.extraWorkingDays,
    currentDueAt: e.currentDueAt,
    requestedDueAt: e.requestedDueAt,
    status: e.status,
    decidedAt: e.decidedAt,
    createdAt: e.createdAt,
    raw: { reason: e.reason, decisionNote: e.decisionNote },
  };
}

export const ExtensionRequestConnection = Connection(ExtensionRequestObject, 'ExtensionRequest');
