import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
}

/**
 * A gateway stand-in on 127.0.0.1: records every POST, answers 500 when told to fail, and
 * counts distinct `X-CivicLoop-Event` keys the way a deduplicating gateway would.
 */
export async function startWebhookReceiver(options: { keepBodies?: boolean } = {}) {
  const received: ReceivedWebhook[] = [];
  /** POSTs per event key, as a deduplicating gateway counts them. */
  const seen = new Map<string, number>();
  let failures = 0;
  let failAlways = false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failAlways || failures > 0) {
        failures = Math.max(0, failures - 1);
        res.writeHead(500).end('gateway down');
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const key = String(req.headers['x-civicloop-event'] ?? '');
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (options.keepBodies === false) {
        res.writeHead(200).end();
        return;
      }
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks/civicloop`,
    received,
    seen,
    /** The next `n` requests get a 500. */
    failNext(n: number) {
      failures = n;
    },
    setFailAlways(on: boolean) {
      failAlways = on;
    },
    byTemplate(template: string) {
      return received.filter((r) => r.body.template === template);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
