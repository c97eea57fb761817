import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, type Actor } from './actor.js';
import type { AccountAccess } from './account-access.service.js';
import { authorizationOf } from './session-cookie.js';

// The one place HTTP (non-GraphQL) routes learn who is calling. The AccessGuard resolves the
// actor from `Authorization: Bearer <JWT>` (or the web portal's session cookie) before the handler runs and keeps it on the
// request; controllers read it with `@HttpActor()`. GraphQL resolvers keep `@CurrentActor()`.

const ACTOR = Symbol('civicloop.httpActor');
type RequestWithActor = FastifyRequest & { [ACTOR]?: Actor };

/**
 * Resolves the caller from the Authorization header and remembers it on the request.
 * No header → anonymous; a bad or expired token → UnauthenticatedError (the guard answers 401).
 */
export async function resolveHttpActor(request: FastifyRequest, access: AccountAccess): Promise<Actor> {
  const actor = await access.actorFromAuthorization(authorizationOf(request));
  (request as RequestWithActor)[ACTOR] = actor;
  return actor;
}

/** The actor the guard resolved for this request; anonymous on public routes. */
export function httpActorOf(request: FastifyRequest): Actor {
  return (request as RequestWithActor)[ACTOR] ?? ANONYMOUS;
}

/** Controller parameter: the caller of an HTTP route. */
export const HttpActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  httpActorOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
