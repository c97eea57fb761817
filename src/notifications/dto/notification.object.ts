import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../graphql/connection.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification-kinds.js';
import type { NotificationEntity } from '../notification.entity.js';
import { renderTemplate } from '../templates.zh-CN.js';

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as { [K in NotificationKind]: K };
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description:
    'Residents: RECEIPT 受理回执 and RESULT 办理结果 (always sent), PROGRESS 办理进度 and RATING_REQUEST 评价邀请 (may be switched off). Staff: DEADLINE 时限提醒, ESCALATION 督办.',
});

@ObjectType('Notification', { description: 'A message in the signed-in user’s inbox (温馨提醒)' })
export class NotificationObject {
  @Field(() => Int) id: number;
  @Field(() => NotificationKindEnum) kind: NotificationKind;
  @Field({ description: 'Template name, e.g. resident.replied' }) template: string;
  @Field({ description: 'The message, in zh-CN or, when Accept-Language asks for it, English' }) text: string;
  @Field(() => Int, { nullable: true }) suggestionId: number | null;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
  /** The template's parameters, to word `text` in the caller's language (not a GraphQL field). */
  params?: Readonly<Record<string, string | number>>;
}

export const NotificationConnection = Connection(NotificationObject, 'Notification');

export function toNotificationObject(n: NotificationEntity): NotificationObject {
  return {
    id: n.id,
    kind: n.kind,
    template: n.template,
    text: renderTemplate(n.template, n.params),
    params: n.params,
    suggestionId: n.suggestionId,
    trackingNumber: typeof n.params.trackingNumber === 'string' ? n.params.trackingNumber : null,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}

@ObjectType()
export class MarkNotificationReadPayload {
  @Field(() => NotificationObject) notification: NotificationObject;
  @Field(() => Int, { description: 'Unread messages left in the inbox' }) unreadCount: number;
}

@ObjectType('NotificationPreferences')
export class NotificationPreferencesObject {
  @Field(() => [NotificationKindEnum], { description: 'Kinds switched off: no SMS is sent for them (the inbox keeps them)' })
  optOuts: NotificationKind[];
  @Field(() => [NotificationKindEnum], { description: 'Kinds that may be switched off' })
  optional: NotificationKind[];
}
