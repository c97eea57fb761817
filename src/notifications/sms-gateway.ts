import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { postSignedJson } from './webhook-client.js';

/** One text message; `to` is the phone number, decrypted just before sending and never stored in job data. */
export interface SmsMessage {
  to: string;
  template: string;
  params: Record<string, string>;
  /** Unique per logical message, so the gateway can drop repeats. */
  eventKey: string;
  /** The rendered zh-CN text, for gateways that do not keep their own templates. */
  text?: string;
}

/** Where text messages leave the platform (an SMS or WeChat gateway behind a webhook). */
export interface SmsGateway {
  send(message: SmsMessage): Promise<void>;
}
export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

export class WebhookSmsGateway implements SmsGateway {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly now: () => Date,
  ) {}
  async send(message: SmsMessage): Promise<void> {
    await postSignedJson(this.url, this.secret, message.eventKey, { channel: 'sms', ...message }, this.now());
  }
}

/**
 * Development gateway: appends each message to a local file that stands in for the
 * resident's phone (README: "Sign in as a demo resident"). Refused in production.
 */
export class FileSmsGateway implements SmsGateway {
  constructor(private readonly path: string) {}
  async send(message: SmsMessage): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n', { mode: 0o600 });
  }
}
