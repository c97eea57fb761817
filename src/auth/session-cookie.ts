import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

// The web portal keeps its session in an HttpOnly, SameSite=Strict cookie, so page scripts never
// hold the token. The cookie carries the same access token as `Authorization: Bearer`, verified
// by the same TokenService call; the header wins when both are sent. CSRF stays closed: GraphQL
// refuses requests that are neither application/json nor carry a custom header (Mercurius'
// csrfPrevention), and a SameSite=Strict cookie is not sent by other sites at all.

export const SESSION_COOKIE = 'civicloop_session';
/** A client that sends `x-civicloop-session: cookie` at sign-in gets the cookie instead of the token. */
export const SESSION_MODE_HEADER = 'x-civicloop-session';

/** The caller's credential as an Authorization value: the header, else the session cookie. */
export function authorizationOf(request: FastifyRequest): string | undefined {
  if (request.headers.authorization) return request.headers.authorization;
  const token = sessionCookieOf(request);
  return token ? `Bearer ${token}` : undefined;
}

export function sessionCookieOf(request: FastifyRequest): string | undefined {
  return request.headers.cookie ? parseCookie(request.headers.cookie)[SESSION_COOKIE] : undefined;
}

export function wantsCookieSession(request: FastifyRequest): boolean {
  return request.headers[SESSION_MODE_HEADER] === 'cookie';
}

export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): void {
  reply.header('set-cookie', stringifySetCookie({ name: SESSION_COOKIE, value: token, httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: maxAgeSeconds }));
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.header('set-cookie', stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 }));
}
