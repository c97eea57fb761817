import { Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/access.decorator.js';
import { NotificationChannelsService } from './notification-channels.service.js';
import { NotificationChannelsObject } from './dto/notification-channel.object.js';

@Resolver()
export class NotificationChannelsResolver {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Query(() => NotificationChannelsObject, { description: 'Each outgoing channel: configured or not, and its deliveries of the last 7 days (admins)' })
  @Allow('ADMIN')
  notificationChannels(): Promise<NotificationChannelsObject> {
    return this.channels.states();
  }
}
