import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';
import { actorRoles } from './actor.js';
import type { GraphQLContext } from '../graphql/context.js';

/** Deny by default: an operation without a declared rule is refused, even to admins. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (context.getType<string>() !== 'graphql') return rule !== undefined;
    if (!rule) throw new ForbiddenError('This operation declares no access rule');
    const { actor, authError } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    // A bad or expired token is refused everywhere, so clients learn to sign in again.
    if (authError) throw authError;
    if (rule.public) return true;
    if (actor.kind === 'anonymous') throw new UnauthenticatedError();
    const roles = actorRoles(actor);
    if (!rule.roles.some((r) => roles.includes(r))) throw new ForbiddenError();
    return true;
  }
}
