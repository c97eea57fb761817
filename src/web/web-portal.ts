import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

// The web portal (web/, built by `npm run build:web`) is served by the api itself, in embedded
// and production mode alike: hashed assets for a year, index.html revalidated on every load, and
// every other GET that is not an api route answered with index.html (history-mode client routes).

/** Paths the api owns: an unknown one under them is a 404, never the portal's index.html. */
const API_PREFIXES = ['/graphql', '/graphiql', '/health', '/metrics', '/exports', '/queues', '/assets/'];
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>CivicLoop</title>
<p>The web portal is not built: run <code>npm run build:web</code>. GraphQL is at <a href="/graphql">/graphql</a>.</p></html>`;

export async function registerWebPortal(fastify: FastifyInstance, distDir: string): Promise<void> {
  const root = resolve(distDir);
  // Decorates reply.sendFile only; the routes below decide what is served and how it is cached.
  // preCompressed: the build writes name.br / name.gz next to each text file (web/vite.config.ts);
  // a client that accepts br or gzip gets those bytes (Vary: Accept-Encoding), others the plain file.
  await fastify.register(fastifyStatic, { root, serve: false, cacheControl: false, dotfiles: 'deny', preCompressed: true });

  const sendIndex = (reply: FastifyReply) => {
    reply.header('cache-control', REVALIDATE);
    if (!existsSync(resolve(root, 'index.html'))) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  };

  // Vite names every file under assets/ by its content hash: safe to keep for a year.
  fastify.get('/assets/*', (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    reply.header('cache-control', IMMUTABLE);
    return reply.sendFile(`assets/${file}`);
  });

  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (API_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) return reply.callNotFound();
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (last.includes('.')) {
      // A top-level file from web/public (favicon, robots.txt); unhashed, so revalidated.
      const file = resolve(root, `.${decodeURIComponent(path)}`);
      if (file.startsWith(root) && existsSync(file) && statSync(file).isFile() && !path.endsWith('index.html')) {
        reply.header('cache-control', REVALIDATE);
        return reply.sendFile(path.slice(1));
      }
      return reply.callNotFound();
    }
    // Client routes are pages: a browser asks for HTML. Anything else (an API client, a probe)
    // gets the api's JSON 404 instead of a page it cannot read.
    if (!(request.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
    return sendIndex(reply);
  });
}
