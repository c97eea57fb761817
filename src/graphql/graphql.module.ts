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
import { formatErrors, isRequestError, OVERLOAD_RETRY_AFTER_SECONDS, statusCodeFor } from './error-formatter.js';
import { graphqlHttpRouteOptions } from './http-route.js';
import type { RouteOptions } from 'fastify';
import { graphqlMediaType } from './media-type.js';
import { localeFrom } from '../common/i18n/locale.js';
import { costLimitHook, graphqlOptions, parsedTextOnlyHook, QUERY_LIMITS, validationRules } from './limits.js';
import type { GraphQLContext } from './context.js';
import { ResolverErrorsFilter } from './resolver-errors.filter.js';
import { PublicCache } from '../public-cache/public-cache.service.js';
import { publicCacheRouteOptions } from '../public-cache/public-cache.route.js';

function withPublicCache(cached: Pick<RouteOptions, 'preHandler' | 'onSend'>): Pick<RouteOptions, 'preValidation' | 'preHandler' | 'onSend'> {
  return { ...graphqlHttpRouteOptions, preHandler: cached.preHandler, onSend: [cached.onSend, graphqlHttpRouteOptions.onSend].flat() as RouteOptions['onSend'] };
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [APP_CONFIG, DataSource, AccountAccess, LOGGER, PublicCache],
      useFactory: (config: AppConfig, dataSource: DataSource, access: AccountAccess, logger: Logger, publicCache: PublicCache) => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        // Mercurius' GraphiQL loads React from a CDN; ours (graphiql.ts) is served from the packages.
        graphiql: false,
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
        // GraphQL over HTTP: null `extensions`, content negotiation (graphql-http's audit test); and
        // anonymous public reads answered from the public-read cache (src/public-cache/).
        additionalRouteOptions: withPublicCache(publicCacheRouteOptions(publicCache, QUERY_LIMITS.maxTokens)),
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
          const reply = (context as unknown as { reply?: FastifyReply }).reply;
          const request = reply?.request;
          const errors = formatErrors(execution.errors, request?.id, {
            maskInternal: config.isProduction,
            hideSuggestions: config.isProduction,
            locale: localeFrom(request?.headers['accept-language']),
            log: (err, requestId) => logger.error({ err, requestId }, 'GraphQL internal error'),
          });
          const statusCode = statusCodeFor(execution, graphqlMediaType(request?.headers.accept));
          // Overloaded (load shedding or a full database queue): tell clients when to come back.
          if (statusCode === 503) reply?.header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS));
          // A request error (nothing executed) has no `data` entry at all; an execution error keeps `data`, null or partial.
          return { statusCode, response: isRequestError(execution) ? { errors } : { data: execution.data ?? null, errors } };
        },
      }),
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: ResolverErrorsFilter }],
})
export class AppGraphQLModule {}
