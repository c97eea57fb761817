import Negotiator from 'negotiator';

/** The GraphQL over HTTP media types this API answers in (application/json first: what `*\/*` and no Accept get). */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const JSON_MEDIA_TYPE = 'application/json';
export type GraphQLMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof JSON_MEDIA_TYPE;

const OFFERED: GraphQLMediaType[] = [JSON_MEDIA_TYPE, GRAPHQL_RESPONSE_JSON];

/**
 * The media type a GraphQL response is sent in, from the request's Accept header. The spec asks
 * servers to read a missing Accept, `*\/*` or one naming neither type as application/json (legacy
 * clients), and to use application/graphql-response+json when the client prefers it.
 */
export function graphqlMediaType(accept: string | undefined): GraphQLMediaType {
  if (!accept) return JSON_MEDIA_TYPE;
  const preferred = new Negotiator({ headers: { accept } }).mediaType(OFFERED);
  return preferred === GRAPHQL_RESPONSE_JSON ? GRAPHQL_RESPONSE_JSON : JSON_MEDIA_TYPE;
}

/**
 * HTTP status of a well-formed request that GraphQL refused before execution (syntax, validation,
 * variables, limits). application/graphql-response+json says so with 400; under application/json
 * the spec asks for 200, since a legacy client reads no body from a 4xx (Apollo Client 4 reads
 * 4xx bodies only in the new media type).
 */
export function requestErrorStatus(mediaType: GraphQLMediaType): 200 | 400 {
  return mediaType === GRAPHQL_RESPONSE_JSON ? 400 : 200;
}
