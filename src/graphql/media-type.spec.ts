import { GRAPHQL_RESPONSE_JSON, graphqlMediaType, JSON_MEDIA_TYPE } from './media-type.js';

describe('GraphQL response media type', () => {
  it.each([
    [undefined, JSON_MEDIA_TYPE],
    ['*/*', JSON_MEDIA_TYPE],
    ['application/json', JSON_MEDIA_TYPE],
    ['text/html', JSON_MEDIA_TYPE],
    ['application/graphql-response+json', GRAPHQL_RESPONSE_JSON],
    // What Apollo Client 4 and graphql-http's client send.
    ['application/graphql-response+json,application/json;q=0.9', GRAPHQL_RESPONSE_JSON],
    ['application/json;q=0.9, application/graphql-response+json', GRAPHQL_RESPONSE_JSON],
    ['application/graphql-response+json;q=0.5, application/json', JSON_MEDIA_TYPE],
  ])('Accept %p → %p', (accept, expected) => {
    expect(graphqlMediaType(accept)).toBe(expected);
  });
});
