import { GraphQLError } from 'graphql';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '../common/errors.js';
import { formatErrors, statusCodeFor } from './error-formatter.js';

const wrap = (e: Error) => new GraphQLError(e.message, { originalError: e, path: ['x'] });

describe('GraphQL error formatter', () => {
  const logged: unknown[] = [];
  const opts = (maskInternal: boolean) => ({ maskInternal, log: (err: unknown) => logged.push(err) });

  it('maps every domain error to its stable code, with its details', () => {
    const errors = [
      new ValidationError('title: too long', 'title'),
      new UnauthenticatedError(),
      new ForbiddenError(),
      new NotFoundError('Suggestion', 7),
      new ConflictError('duplicate'),
      new InvalidTransitionError('reply', 'ASSIGNED', ['sign']),
      new RateLimitedError('slow down', 30),
    ].map(wrap);
    const out = formatErrors(errors, 'req-1', opts(true));
    expect(out.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'CONFLICT', 'RATE_LIMITED']);
    expect(out[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(out[5]!.extensions).toEqual({ code: 'CONFLICT', action: 'reply', status: 'ASSIGNED', allowed: ['sign'] });
    expect(out[6]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('reports overload as 503 SERVICE_UNAVAILABLE, not as a bug: load shedding and a full database queue', () => {
    const shed = Object.assign(new Error('Service Unavailable'), { statusCode: 503, code: 'FST_UNDER_PRESSURE' });
    const poolFull = new Error('Queue limit reached.'); // mysql2's pool, past DB_QUEUE_LIMIT waiting requests
    for (const err of [shed, poolFull]) {
      const before = logged.length;
      const out = formatErrors([wrap(err)], 'req-9', opts(true));
      expect(out[0]!.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(statusCodeFor({ data: null, errors: [wrap(err)] }, 'application/json')).toBe(503);
      expect(logged).toHaveLength(before);
    }
  });

  it('answers request errors 400 in application/graphql-response+json and 200 in application/json; execution errors 200', () => {
    const invalid = { errors: [new GraphQLError('Cannot query field "nope" on type "Query".')] };
    expect(statusCodeFor(invalid, 'application/graphql-response+json')).toBe(400);
    expect(statusCodeFor(invalid, 'application/json')).toBe(200);
    const executed = { data: null, errors: [wrap(new UnauthenticatedError())] };
    expect(statusCodeFor(executed, 'application/graphql-response+json')).toBe(200);
    const csrf = Object.assign(new Error('blocked'), { statusCode: 400, code: 'MER_ERR_GQL_CSRF_PREVENTION' });
    expect(statusCodeFor({ errors: [wrap(csrf)] }, 'application/json')).toBe(400);
  });

  it('masks anything else in production, logging it with the request id', () => {
    const out = formatErrors([wrap(new Error('SELECT * FROM secrets failed at /srv/app.js:1'))], 'req-2', opts(true));
    expect(out[0]).toMatchObject({ message: 'Internal server error (request req-2)', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-2' } });
    expect(JSON.stringify(out)).not.toMatch(/SELECT|\/srv/);
    expect(logged).toHaveLength(1);
  });

  it('unwraps Mercurius validation errors and classifies variable errors as bad input', () => {
    const inner = [new GraphQLError('Value "PLANET" does not exist in "UnitKind" enum.'), new GraphQLError('Cannot query field "nope" on type "Query".')];
    const mercurius = new GraphQLError('Graphql validation error', { originalError: Object.assign(new Error('Graphql validation error'), { errors: inner }) });
    const out = formatErrors([mercurius], 'req-3', opts(true));
    expect(out.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
  });
});
