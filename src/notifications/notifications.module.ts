import { Global, Module } from '@nestjs/common';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { NotificationsJobs } from './notifications.jobs.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';
import { ResidentNoticesService } from './resident-notices.service.js';

/** Inbox, templates and channels. Global: any module's job handler may `enqueue` messages. */
@Global()
@Module({
  providers: [NotificationsService, NotificationDeliveryService, ResidentNoticesService, NotificationsJobs, NotificationsResolver],
  exports: [NotificationsService],
})
export class NotificationsModule {}
