import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { localeFrom } from '../common/i18n/locale.js';
import type { GraphQLContext } from '../graphql/context.js';
import { renderTemplate } from './templates.zh-CN.js';
import { Allow } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { ALL_ROLES } from '../auth/roles.js';
import { NotificationsService } from './notifications.service.js';
import { MarkNotificationReadPayload, NotificationConnection, NotificationObject, NotificationPreferencesObject, toNotificationObject } from './dto/notification.object.js';
import { mapNodes } from '../graphql/connection.js';
import { MarkNotificationReadInput, MyNotificationsArgs, SetNotificationPreferencesInput } from './dto/notification.inputs.js';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly notifications: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'The signed-in user’s inbox, newest first' })
  @Allow(...ALL_ROLES)
  async myNotifications(@CurrentActor() actor: Actor, @Args() args: MyNotificationsArgs) {
    return mapNodes(await this.notifications.inbox(actor, args), toNotificationObject);
  }

  @Mutation(() => MarkNotificationReadPayload)
  @Allow(...ALL_ROLES)
  async markNotificationRead(@CurrentActor() actor: Actor, @Args('input') input: MarkNotificationReadInput) {
    const { notification, unreadCount } = await this.notifications.markRead(actor, input.id);
    return { notification: toNotificationObject(notification), unreadCount };
  }

  @Query(() => NotificationPreferencesObject, { description: 'Which optional messages the signed-in resident switched off' })
  @Allow('RESIDENT')
  notificationPreferences(@CurrentActor() actor: Actor) {
    return this.notifications.preferences(actor);
  }

  @Mutation(() => NotificationPreferencesObject, { description: 'Switch optional messages (PROGRESS, RATING_REQUEST) off or on' })
  @Allow('RESIDENT')
  setNotificationPreferences(@CurrentActor() actor: Actor, @Args('input') input: SetNotificationPreferencesInput) {
    return this.notifications.setPreferences(actor, input.optOuts);
  }
}

@Resolver(() => NotificationObject)
export class NotificationFieldsResolver {
  /** The inbox speaks the caller's language; sent messages stay zh-CN (no language preference is kept yet). */
  @ResolveField(() => String)
  text(@Parent() n: NotificationObject, @Context() ctx: GraphQLContext): string {
    return n.params ? renderTemplate(n.template, n.params, localeFrom(ctx.request.headers['accept-language'])) : n.text;
  }
}
