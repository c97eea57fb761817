import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { signWebhook } from './webhook-signature.js';

/** Where text messages leave the platform (an SMS or WeChat gateway behind a webhook). */
export interface SmsGateway {
  /** `eventKey` is unique per logical message, so the gateway can drop repeats. */
  send(message: { to: string; template: string; params: Record<string, string>; eventKey: string }): Promise<void>;
}
export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

export class WebhookSmsGateway implements SmsGateway {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly now: () => Date,
  ) {}
  async send(message: { to: string; template: string; params: Record<string, string>; eventKey: string }): Promise<void> {
    const body = JSON.stringify({ channel: 'sms', ...message });
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-civicloop-signature': signWebhook(this.secret, body, Math.floor(this.now().getTime() / 1000)),
        'x-civicloop-event': message.eventKey,
      },
      body,
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`SMS webhook answered ${res.status}`);
  }
}

/**
 * Development gateway: appends each message to a local file that stands in for the
 * resident's phone (README: "Sign in as a demo resident"). Refused in production.
 */
export class FileSmsGateway implements SmsGateway {
  constructor(private readonly path: string) {}
  async send(message: { to: string; template: string; params: Record<string, string>; eventKey: string }): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n', { mode: 0o600 });
  }
}
