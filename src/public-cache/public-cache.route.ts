import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { sessionCookieOf } from '../auth/session-cookie.js';
import { localeFrom } from '../common/i18n/locale.js';
import { readsOfDocument, type PublicRead } from './public-reads.js';
import type { PublicCache } from './public-cache.service.js';

// The public-read cache at the edge of the GraphQL route: an anonymous request for public reads
// only is answered with the body the GraphQL path produced for the same request, or goes on to
// that path, whose answer is kept if it is a plain success. Nothing here decides what a read
// returns; masking and visibility stay where they are, applied once, when the entry is made.

/** Response header saying how an anonymous public read was answered (HIT or MISS). */
export const PUBLIC_CACHE_HEADER = 'x-civicloop-cache';

const MAX_QUERY_CHARS = 8_000;
const MAX_SHAPES = 1_000;
const pending = Symbol('public-cache-slot');

type CachedRequest = FastifyRequest & { [pending]?: { key: string; stamp: string } };
interface GraphQLParams {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

export function publicCacheRouteOptions(cache: PublicCache, maxTokens: number): Pick<RouteOptions, 'preHandler' | 'onSend'> {
  // The reads of each document text (Mercurius keeps its own parse cache; this one is ours).
  const shapes = new Map<string, PublicRead[] | null>();
  const readsOf = (query: string, operationName: string | undefined): PublicRead[] | null => {
    const memo = `${operationName ?? ''}\n${query}`;
    let reads = shapes.get(memo);
    if (reads === undefined) {
      try {
        reads = readsOfDocument(parse(query, { maxTokens, noLocation: true }), operationName);
      } catch {
        reads = null; // the GraphQL path reports the syntax error
      }
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      shapes.set(memo, reads);
    }
    return reads;
  };

  return {
    preHandler: async (request: CachedRequest, reply: FastifyReply) => {
      if (!cache.enabled || request.validationError) return;
      // Signed-in callers (header or session cookie, valid or not) always take the GraphQL path.
      if (request.headers.authorization || sessionCookieOf(request)) return;
      const params = (request.method === 'GET' ? request.query : request.body) as GraphQLParams | undefined;
      if (!params || typeof params !== 'object' || Array.isArray(params)) return;
      const { query, operationName } = params;
      if (typeof query !== 'string' || query.length > MAX_QUERY_CHARS || params.extensions != null) return;
      if (operationName != null && typeof operationName !== 'string') return;
      const reads = readsOf(query, operationName ?? undefined);
      if (!reads) return;
      // GET carries variables as JSON text, POST as an object: either way, the same text means the same request.
      const variables = typeof params.variables === 'string' ? params.variables : JSON.stringify(params.variables ?? null);
      const request_ = createHash('sha256')
        .update(`${localeFrom(request.headers['accept-language'])}\n${operationName ?? ''}\n${variables}\n${query}`)
        .digest('base64url');
      const slot = cache.slotFor(reads, request_);
      if (!slot) return;
      const body = await cache.get(slot);
      if (body === null) {
        request[pending] = slot;
        reply.header(PUBLIC_CACHE_HEADER, 'MISS');
        return;
      }
      // The route's onSend still runs (media type, Vary), as for the answer this body was made from.
      reply.header(PUBLIC_CACHE_HEADER, 'HIT').type('application/json; charset=utf-8');
      return reply.send(body);
    },
    onSend: async (request: CachedRequest, reply: FastifyReply, payload: unknown) => {
      const slot = request[pending];
      // Only a plain success is kept: an answer with errors (or a refusal) is made afresh each time.
      if (slot && reply.statusCode === 200 && typeof payload === 'string' && payload.startsWith('{"data":') && !payload.includes('"errors":')) {
        void cache.set(slot, payload); // the answer need not wait for the store
      }
      return payload;
    },
  };
}
