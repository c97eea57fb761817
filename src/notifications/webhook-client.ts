import { signWebhook } from './webhook-signature.js';

/** A webhook answered with a non-2xx status; the job retries it with backoff. */
export class WebhookError extends Error {}

/**
 * POSTs one JSON event to the configured webhook, signed with `X-CivicLoop-Signature`
 * (see webhook-signature.ts) and keyed by `X-CivicLoop-Event`, so the receiver can drop a
 * repeat of an event it has already handled.
 */
export async function postSignedJson(
  url: string,
  secret: string,
  eventKey: string,
  body: Record<string, unknown>,
  now: Date,
  timeoutMs = 5000,
): Promise<void> {
  const raw = JSON.stringify(body);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-civicloop-signature': signWebhook(secret, raw, Math.floor(now.getTime() / 1000)),
      'x-civicloop-event': eventKey,
    },
    body: raw,
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Drain the body so the connection is reused.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new WebhookError(`webhook answered ${res.status}`);
}
