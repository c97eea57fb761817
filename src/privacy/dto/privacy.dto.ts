import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Equals, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { Connection, ConnectionArgs } from '../../graphql/connection.js';
import { PERSONAL_DATA_ACTIONS, type PersonalDataAction, type PersonalDataEventEntity } from '../personal-data-event.entity.js';
import { messageKey } from '../../common/i18n/message.js';

@ObjectType('PersonalDataExport', { description: 'Everything the platform holds about the signed-in resident' })
export class PersonalDataExportObject {
  @Field() generatedAt: Date;
  @Field({ description: 'A JSON document (format civicloop-personal-data/1): account, suggestions with their history and replies, ratings, supports, notifications, and who accessed your data' })
  json: string;
}

@InputType()
export class DeleteMyAccountInput {
  @Field({ description: 'Must be true: deletion cannot be undone' })
  @IsBoolean()
  @Equals(true, { message: messageKey('privacy.confirmDelete') })
  confirm: boolean;
}

@ObjectType()
export class DeleteMyAccountPayload {
  @Field() deleted: boolean;
  @Field(() => Int, { description: 'Your suggestions kept for the record and the statistics, without your name' })
  anonymisedSuggestions: number;
}

@InputType()
export class RevealContactInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field({ description: 'Why the contact is needed (recorded with your name and the time), 5–500 characters' })
  @IsString()
  @Length(5, 500)
  reason: string;
}

@ObjectType()
export class ContactRevealPayload {
  @Field(() => Int) suggestionId: number;
  @Field({ description: 'The author’s phone number, unmasked' }) phone: string;
  @Field({ description: 'The author’s name, unmasked' }) displayName: string;
  @Field(() => Int, { description: 'The audit record of this reveal' }) auditId: number;
  @Field() revealedAt: Date;
}

@ObjectType('PersonalDataEvent', { description: 'One access to a resident’s personal data: who, why, when' })
export class PersonalDataEventObject {
  @Field(() => Int) id: number;
  @Field({ description: 'REVEAL_CONTACT, EXPORT or DELETE_ACCOUNT' }) action: string;
  @Field({ description: 'STAFF or RESIDENT' }) actorKind: string;
  @Field(() => Int) actorId: number;
  @Field(() => Int, { nullable: true }) actorUnitId: number | null;
  @Field(() => Int) residentId: number;
  @Field(() => Int, { nullable: true }) suggestionId: number | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() at: Date;
}
export const PersonalDataEventConnection = Connection(PersonalDataEventObject, 'PersonalDataEvent');

export function toPersonalDataEventObject(e: PersonalDataEventEntity): PersonalDataEventObject {
  return { id: e.id, action: e.action, actorKind: e.actorKind, actorId: e.actorId, actorUnitId: e.actorUnitId, residentId: e.residentId, suggestionId: e.suggestionId, reason: e.reason, at: e.at };
}

@ArgsType()
export class PersonalDataEventsArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) residentId?: number | null;
  @Field(() => String, { nullable: true, description: 'REVEAL_CONTACT, EXPORT or DELETE_ACCOUNT' })
  @IsOptional()
  @IsIn(PERSONAL_DATA_ACTIONS)
  action?: PersonalDataAction | null;
}
