import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../auth/actor.js';
import { AccountAccess } from '../auth/account-access.service.js';
import { authorizationOf } from '../auth/session-cookie.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/errors.js';
import { BullMqJobDriver } from './drivers/bullmq-job-driver.js';
import { JOB_DRIVER, type JobDriver } from './job-driver.js';

export const DASHBOARD_PATH = '/admin/queues';
const SESSION_COOKIE = 'civicloop_queues';

/**
 * Bull Board for admins, in BullMQ mode, on the api's Fastify instance. Every request carries
 * an ADMIN access token: the `Authorization: Bearer` header, or — so a browser can open the
 * page — the HttpOnly, SameSite=Strict cookie that `POST /admin/queues/session` sets from that
 * header, or the web portal's own session cookie (a staff sign-in at /staff/login). The Nest guard does not see raw Fastify routes, so the check is done here.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    private readonly access: AccountAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || !(this.driver instanceof BullMqJobDriver)) return; // worker process, or embedded mode
    // Loaded here, so embedded mode and the worker never load Bull Board's ~100 modules.
    const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter: BullBoardFastify }] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/fastify'),
    ]);
    const board = new BullBoardFastify();
    createBullBoard({ queues: this.driver.allQueues().map((q) => new BullMQAdapter(q)), serverAdapter: board });
    board.setBasePath(DASHBOARD_PATH);
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.authenticate(request, reply));
      scope.post(`${DASHBOARD_PATH}/session`, async (request, reply) => {
        const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (!token) return reply.status(400).send({ error: 'Send the access token in the Authorization header' });
        const cookie = stringifySetCookie({
          name: SESSION_COOKIE,
          value: token,
          httpOnly: true,
          sameSite: 'strict',
          secure: this.config.isProduction,
          path: DASHBOARD_PATH,
          maxAge: this.config.jwt.ttlSeconds,
        });
        return reply.header('set-cookie', cookie).status(204).send();
      });
      await scope.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    const fromCookie = parseCookie(request.headers.cookie ?? '')[SESSION_COOKIE];
    // The web portal's HttpOnly session cookie too, so an admin signed in there can follow a link.
    const authorization = header ?? (fromCookie ? `Bearer ${fromCookie}` : authorizationOf(request));
    try {
      const actor = await this.access.actorFromAuthorization(authorization);
      if (actor.kind === 'anonymous') return void (await reply.status(401).send({ error: 'Sign in as an administrator' }));
      if (!hasRole(actor, 'ADMIN')) return void (await reply.status(403).send({ error: 'Administrators only' }));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await reply.status(401).send({ error: err.message });
    }
  }
}
