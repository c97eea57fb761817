import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { DomainError } from '../common/errors.js';
import type { Loaders } from './loaders.js';

export interface GraphQLContext {
  actor: Actor;
  /** A bad or expired token: refused at the guard, whatever the operation. */
  authError?: DomainError;
  loaders: Loaders;
  request: FastifyRequest;
  reply: FastifyReply;
}
