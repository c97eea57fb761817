import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';
import { actorRoles, type Actor } from './actor.js';
import type { Role } from './roles.js';
import { resolveHttpActor } from './http-actor.js';
import { AccountAccess } from './account-access.service.js';
import type { GraphQLContext } from '../graphql/context.js';

/** Deny by default: an operation without a declared rule is refused, even to admins. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccountAccess,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const type = context.getType<string>();
    if (type === 'http') return this.canActivateHttp(rule, context);
    if (type !== 'graphql') return rule !== undefined;
    if (!rule) throw new ForbiddenError(msg('access.noRule'));
    const { actor, authError } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    // A bad or expired token is refused everywhere, so clients learn to sign in again.
    if (authError) throw authError;
    if (rule.public) return true;
    if (actor.kind === 'anonymous') throw new UnauthenticatedError();
    if (!holdsAnyRole(actor, rule.roles)) throw new ForbiddenError();
    return true;
  }

  /**
   * HTTP routes (exports, health): the same rules, with the actor read from the Bearer token
   * (kept on the request for `@HttpActor()`). Refusals are the same domain errors as on GraphQL;
   * the exception filter answers them as 401/403 `{ error: { code, message } }`. Public routes
   * never look at the header, so a load balancer's probe is unaffected by a stray token.
   */
  private async canActivateHttp(rule: AccessRule | undefined, context: ExecutionContext): Promise<boolean> {
    if (!rule) throw new ForbiddenError(msg('access.noRule'));
    if (rule.public) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = await resolveHttpActor(request, this.access);
    if (actor.kind === 'anonymous') throw new UnauthenticatedError();
    if (!holdsAnyRole(actor, rule.roles)) throw new ForbiddenError();
    return true;
  }
}

function holdsAnyRole(actor: Actor, allowed: readonly Role[]): boolean {
  const roles = actorRoles(actor);
  return allowed.some((r) => roles.includes(r));
}
