import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { GRAPHQL_RESPONSE_JSON, graphqlMediaType } from './media-type.js';

/**
 * Route options Mercurius adds to its /graphql routes (GET and POST), so they speak GraphQL
 * over HTTP as the spec's audit expects. Mercurius keeps its own onRequest (the CSRF check).
 */
export const graphqlHttpRouteOptions: Pick<RouteOptions, 'preValidation' | 'onSend'> = {
  // Mercurius' body schema says `extensions: object`; the spec lets clients send null (MUST).
  preValidation: async (request: FastifyRequest) => {
    const body = request.body as { extensions?: unknown } | undefined;
    if (body && typeof body === 'object' && !Array.isArray(body) && body.extensions === null) delete body.extensions;
  },
  // Content negotiation: Mercurius always answers application/json.
  onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('vary', 'Accept, Accept-Language');
    if (graphqlMediaType(request.headers.accept) === GRAPHQL_RESPONSE_JSON && String(reply.getHeader('content-type') ?? '').startsWith('application/json')) {
      reply.header('content-type', `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
    }
    return payload;
  },
};
