import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { ConnectionArgs } from '../../graphql/connection.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification-kinds.js';
import { NotificationKindEnum } from './notification.object.js';

@ArgsType()
export class MyNotificationsArgs extends ConnectionArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only messages not yet read' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean | null;
}

@InputType()
export class MarkNotificationReadInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
}

@InputType()
export class SetNotificationPreferencesInput {
  @Field(() => [NotificationKindEnum], { description: 'The complete list of kinds to switch off (PROGRESS, RATING_REQUEST); [] switches all back on' })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  optOuts: NotificationKind[];
}
