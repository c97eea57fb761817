import { GraphQLError } from 'graphql';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { formatErrors, statusCodeFor } from './error-formatter.js';

const wrap = (e: Error) => new GraphQLError(e.message, { originalError: e, path: ['x'] });

describe('GraphQL error formatter', () => {
  const logged: unknown[] = [];
  const opts = (maskInternal: boolean) => ({ maskInternal, log: (err: unknown) => logged.push(err) });

  it('maps every domain error to its stable code, with its details', () => {
    const errors = [
      new ValidationError(msg('input.maxLength', { field: 'title', max: 100 }), 'title'),
      new UnauthenticatedError(),
      new ForbiddenError(),
      new NotFoundError('Suggestion', 7),
      new ConflictError(msg('rating.duplicate')),
      new InvalidTransitionError('reply', 'ASSIGNED', ['sign']),
      new RateLimitedError(msg('common.rateLimited'), 30),
    ].map(wrap);
    const out = formatErrors(errors, 'req-1', opts(true));
    expect(out.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'CONFLICT', 'RATE_LIMITED']);
    expect(out[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'title', messageKey: 'input.maxLength', messageParams: { field: 'title', max: 100 } });
    expect(out[5]!.extensions).toMatchObject({ code: 'CONFLICT', action: 'reply', status: 'ASSIGNED', allowed: ['sign'], messageKey: 'workflow.invalidTransition' });
    expect(out[6]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 30, messageKey: 'common.rateLimited' });
  });

  it('words each message in the caller’s language, zh-CN unless English is asked for; codes stay the same', () => {
    const errors = [wrap(new ValidationError(msg('input.min', { field: 'first', min: 1 }), 'first')), wrap(new InvalidTransitionError('reply', 'ASSIGNED', ['sign']))];
    const zh = formatErrors(errors, 'r', { ...opts(true), locale: 'zh-CN' });
    const en = formatErrors(errors, 'r', { ...opts(true), locale: 'en' });
    expect(zh.map((e) => e.message)).toEqual(['每页条数不能小于 1', '建议当前状态为“已交办”，无法执行“答复”操作；现在可以：签收']);
    expect(en.map((e) => e.message)).toEqual(['Page size must be at least 1', 'Cannot reply to a suggestion that is assigned; allowed now: sign for']);
    expect(zh.map((e) => e.extensions?.code)).toEqual(en.map((e) => e.extensions?.code));
    expect(formatErrors(errors, 'r', opts(true))[0]!.message).toBe('每页条数不能小于 1');
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
    expect(out[0]).toMatchObject({ message: '系统内部错误，请向管理员提供请求编号 req-2', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-2' } });
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
