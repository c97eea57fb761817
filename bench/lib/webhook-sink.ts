import { createServer, type Server } from 'node:http';

/**
 * Stands in for the SMS/WeChat gateway behind WEBHOOK_URL (production refuses to start
 * without one): accepts every delivery at once, on loopback, and counts them.
 */
export interface WebhookSink {
  url: string;
  received(): number;
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
