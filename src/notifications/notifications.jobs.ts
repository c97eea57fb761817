import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobContext } from '../jobs/job-handlers.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { ResidentNoticesService } from './resident-notices.service.js';

@Injectable()
export class NotificationsJobs {
  constructor(
    private readonly notices: ResidentNoticesService,
    private readonly delivery: NotificationDeliveryService,
  ) {}

  @OnJob('notice.resident')
  async residentNotice(payload: JobPayloads['notice.resident']): Promise<void> {
    await this.notices.stageNotice(payload);
  }

  @OnJob('rating.request')
  async ratingRequest(payload: JobPayloads['rating.request']): Promise<void> {
    await this.notices.ratingRequest(payload);
  }

  @OnJob('notification.deliver')
  async deliver(payload: JobPayloads['notification.deliver'], context: JobContext): Promise<void> {
    await this.delivery.deliver(payload.notificationId, context);
  }
}
