import { HttpException, type ArgumentsHost } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from './errors.js';
import { msg, render, type Message } from './i18n/message.js';
import { localeFrom } from './i18n/locale.js';
import type { Logger } from './logger.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

// Nest's own HTTP exceptions (unknown route, a guard's refusal): the same codes as GraphQL's.
const HTTP_CODES: Record<number, { code: string; text: Message }> = {
  400: { code: 'BAD_REQUEST', text: msg('common.badRequest') },
  401: { code: 'UNAUTHENTICATED', text: msg('auth.signInFirst') },
  403: { code: 'FORBIDDEN', text: msg('access.denied') },
  404: { code: 'NOT_FOUND', text: msg('common.routeNotFound') },
  429: { code: 'RATE_LIMITED', text: msg('common.rateLimited') },
  503: { code: 'SERVICE_UNAVAILABLE', text: msg('common.overloaded') },
};

/**
 * Every error on a plain HTTP route (exports, health, GraphiQL, unknown paths) answers
 * `{ error: { code, message, messageKey, …details } }`: the code and details a GraphQL client
 * reads from `extensions`, the message in the caller's language. Anything unknown is a 500
 * whose message is masked and logged with the request id.
 */
export function sendHttpError(exception: unknown, host: ArgumentsHost, logger?: Logger): void {
  const reply = host.switchToHttp().getResponse<FastifyReply>();
  const request = host.switchToHttp().getRequest<FastifyRequest>();
  const locale = localeFrom(request.headers['accept-language']);
  let status: number;
  let body: Record<string, unknown>;
  if (exception instanceof DomainError) {
    status = STATUS[exception.code];
    body = { code: exception.code, message: render(exception.text, locale), messageKey: exception.text.key, ...exception.details };
  } else if (exception instanceof HttpException && HTTP_CODES[exception.getStatus()]) {
    status = exception.getStatus();
    const { code, text } = HTTP_CODES[status]!;
    body = { code, message: render(text, locale), messageKey: text.key };
  } else if (exception instanceof HttpException && exception.getStatus() < 500) {
    status = exception.getStatus();
    body = { code: 'BAD_REQUEST', message: render(msg('common.badRequest'), locale), messageKey: 'common.badRequest' };
  } else {
    status = 500;
    logger?.error({ err: exception, requestId: request.id }, 'HTTP internal error');
    const text = msg('common.internal', { requestId: String(request.id) });
    body = { code: 'INTERNAL_SERVER_ERROR', message: render(text, locale), messageKey: text.key, requestId: request.id };
  }
  void reply.status(status).header('vary', 'Accept-Language').send({ error: body });
}
