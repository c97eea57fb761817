import { Global, Module } from '@nestjs/common';
import { NotificationChannelsResolver } from './notification-channels.resolver.js';
import { NotificationChannelsService } from './notification-channels.service.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { NotificationsJobs } from './notifications.jobs.js';
import { NotificationFieldsResolver, NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';
import { ResidentNoticesService } from './resident-notices.service.js';

/** Inbox, templates and channels. Global: any module's job handler may `enqueue` messages. */
@Global()
@Module({
  providers: [NotificationsService, NotificationDeliveryService, ResidentNoticesService, NotificationsJobs, NotificationsResolver, NotificationFieldsResolver, NotificationChannelsService, NotificationChannelsResolver],
  exports: [NotificationsService],
})
export class NotificationsModule {}
