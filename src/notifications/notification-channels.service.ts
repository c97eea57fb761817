import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationDeliveryEntity } from './notification-delivery.entity.js';
import { OUTGOING_CHANNELS, channelStates, type ChannelDeliveryCounts, type ChannelState, type OutgoingChannel } from './notification-channels.js';

/** The window the delivery counts cover. */
export const CHANNEL_WINDOW_DAYS = 7;

@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async states(): Promise<{ since: Date; channels: ChannelState[] }> {
    const since = new Date(this.clock.now().getTime() - CHANNEL_WINDOW_DAYS * 86_400_000);
    const repo = this.dataSource.getRepository(NotificationDeliveryEntity);
    // One grouped count over (status, id)-indexed rows of the window; never the rows themselves.
    const rows: { channel: string; status: string; n: string | number }[] = await repo
      .createQueryBuilder('d')
      .select('d.channel', 'channel')
      .addSelect('d.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('d.createdAt >= :since', { since })
      .groupBy('d.channel')
      .addGroupBy('d.status')
      .getRawMany();
    const counts = new Map<OutgoingChannel, ChannelDeliveryCounts>();
    for (const r of rows) {
      const channel = r.channel as OutgoingChannel;
      if (!OUTGOING_CHANNELS.includes(channel)) continue;
      const c = counts.get(channel) ?? { sent: 0, dead: 0, sending: 0, skipped: 0 };
      const key = ({ SENT: 'sent', DEAD: 'dead', SENDING: 'sending', SKIPPED: 'skipped' } as const)[r.status as 'SENT'];
      if (key) c[key] += Number(r.n);
      counts.set(channel, c);
    }
    const lastErrors = new Map<OutgoingChannel, { error: string; at: Date }>();
    for (const channel of OUTGOING_CHANNELS) {
      const last = await repo
        .createQueryBuilder('d')
        .where('d.channel = :channel AND d.lastError IS NOT NULL', { channel })
        .orderBy('d.id', 'DESC')
        .limit(1)
        .getOne();
      if (last?.lastError) lastErrors.set(channel, { error: last.lastError, at: last.createdAt });
    }
    return { since, channels: channelStates(this.config.webhook.url, counts, lastErrors) };
  }
}
