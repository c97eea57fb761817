import { Global, Module } from '@nestjs/common';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { NotificationsJobs } from './notifications.jobs.js';
import { NotificationFieldsResolver, NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';
import { ResidentNoticesService } from './resident-notices.service.js';

/** Inbox, templates and channels. Global: any module's job handler may `enqueue` messages. */
@Global()
@Module({
  providers: [NotificationsService, NotificationDeliveryService, ResidentNoticesService, NotificationsJobs, NotificationsResolver, NotificationFieldsResolver],
  exports: [NotificationsService],
})
export class NotificationsModule {}
