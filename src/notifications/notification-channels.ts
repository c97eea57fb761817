import type { NotificationChannel } from './notification-kinds.js';

/** How a channel's messages leave the platform. */
export type ChannelTransport = 'WEBHOOK' | 'FILE' | 'LOG';
export type OutgoingChannel = Exclude<NotificationChannel, 'NONE'>;
export const OUTGOING_CHANNELS: readonly OutgoingChannel[] = ['SMS', 'WEBHOOK', 'LOG'];

export interface ChannelDeliveryCounts {
  sent: number;
  dead: number;
  sending: number;
  skipped: number;
}

export interface ChannelState extends ChannelDeliveryCounts {
  channel: OutgoingChannel;
  /** Messages are routed to this channel with the current configuration. */
  enabled: boolean;
  transport: ChannelTransport;
  /** The webhook's host only (a path or query may carry a token). */
  host: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * Each outgoing channel as the configuration routes messages today (NotificationsService.enqueue:
 * residents by SMS; staff by WEBHOOK when WEBHOOK_URL is set, else to the LOG; the SMS gateway
 * posts to the webhook, or appends to the development file), with its recent delivery counts.
 */
export function channelStates(
  webhookUrl: string | undefined,
  counts: ReadonlyMap<OutgoingChannel, ChannelDeliveryCounts>,
  lastErrors: ReadonlyMap<OutgoingChannel, { error: string; at: Date }>,
): ChannelState[] {
  const host = hostOf(webhookUrl);
  const config: Record<OutgoingChannel, Pick<ChannelState, 'enabled' | 'transport' | 'host'>> = {
    SMS: webhookUrl ? { enabled: true, transport: 'WEBHOOK', host } : { enabled: true, transport: 'FILE', host: null },
    WEBHOOK: { enabled: Boolean(webhookUrl), transport: 'WEBHOOK', host },
    LOG: { enabled: !webhookUrl, transport: 'LOG', host: null },
  };
  return OUTGOING_CHANNELS.map((channel) => {
    const c = counts.get(channel) ?? { sent: 0, dead: 0, sending: 0, skipped: 0 };
    const last = lastErrors.get(channel);
    return { channel, ...config[channel], ...c, lastError: last?.error ?? null, lastErrorAt: last?.at ?? null };
  });
}
