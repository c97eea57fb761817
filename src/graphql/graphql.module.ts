import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AccountAccess } from '../auth/account-access.service.js';
import { ANONYMOUS } from '../auth/actor.js';
import { authorizationOf, clearSessionCookie, sessionCookieOf } from '../auth/session-cookie.js';
import { DomainError } from '../common/errors.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { createLoaders } from './loaders.js';
import { formatErrors, OVERLOAD_RETRY_AFTER_SECONDS, statusCodeFor } from './error-formatter.js';
import { costLimitHook, graphqlOptions, parsedTextOnlyHook, validationRules } from './limits.js';
import type { GraphQLContext } from './context.js';
import { ResolverErrorsFilter } from './resolver-errors.filter.js';

@Module({
  imports: [
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [APP_CONFIG, DataSource, AccountAccess, LOGGER],
      useFactory: (config: AppConfig, dataSource: DataSource, access: AccountAccess, logger: Logger) => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        graphiql: !config.isProduction,
        jit: 1,
        cache: 1024,
        allowBatchedQueries: false,
        // Mercurius' own CSRF rule: JSON bodies or a custom header, never a simple form post.
        csrfPrevention: true,
        validationRules: validationRules(config.isProduction),
        // Token limit (graphql-js parse) and, in production, no field suggestions.
        graphql: graphqlOptions(config.isProduction),
        // Cost needs the variables (a page size may be one), so it is checked before execution.
        hooks: { preValidation: [parsedTextOnlyHook], preExecution: [costLimitHook] },
        buildSchemaOptions: { dateScalarMode: 'isoDate' },
        context: async (request: FastifyRequest, reply: FastifyReply): Promise<GraphQLContext> => {
          let actor = ANONYMOUS;
          let authError: DomainError | undefined;
          try {
            actor = await access.actorFromAuthorization(authorizationOf(request));
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            authError = err;
            // An expired cookie is refused once, like a header, and then forgotten by the browser.
            if (!request.headers.authorization && sessionCookieOf(request)) clearSessionCookie(reply, config.isProduction);
          }
          return { actor, authError, loaders: createLoaders(dataSource), request, reply };
        },
        errorFormatter: (execution, context) => {
          const request = (context as unknown as { reply?: FastifyReply }).reply?.request;
          const errors = formatErrors(execution.errors, request?.id, {
            maskInternal: config.isProduction,
            hideSuggestions: config.isProduction,
            log: (err, requestId) => logger.error({ err, requestId }, 'GraphQL internal error'),
          });
          const statusCode = statusCodeFor(execution);
          // Overloaded (load shedding or a full database queue): tell clients when to come back.
          if (statusCode === 503) (context as unknown as { reply?: FastifyReply }).reply?.header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS));
          return { statusCode, response: { data: execution.data ?? null, errors } };
        },
      }),
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: ResolverErrorsFilter }],
})
export class AppGraphQLModule {}
