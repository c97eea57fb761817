import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { UnauthenticatedError } from '../common/errors.js';
import { Public } from '../auth/access.decorator.js';
import { Metrics } from '../metrics/metrics.js';
import { HealthChecks } from './health-checks.js';

// Load shedding answers 503 to every route; a liveness probe that did so would get an
// overloaded (but working) instance restarted, so it passes through.
const passThroughPressure = { pressureHandler: () => undefined };

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthChecks,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness: 200 while the process can answer; checks nothing outside it. */
  @Get('health/live')
  @Public()
  @RouteConfig(passThroughPressure)
  live(): { status: 'ok'; uptimeSeconds: number } {
    return this.health.liveness();
  }

  /** Readiness: 200 when every dependency answers, 503 otherwise (or while shutting down), each check named. */
  @Get('health/ready')
  @Public()
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const { ready, body } = await this.health.readiness();
    await reply.status(ready ? 200 : 503).send(body);
  }

  /** The readiness answer, at the address load balancers and older probes already use. */
  @Get('health')
  @Public()
  async health_(@Res() reply: FastifyReply): Promise<void> {
    return this.ready(reply);
  }

  /**
   * Prometheus text. With METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>` gets it;
   * without one, production answers 404 (the figures describe load and internals), other modes answer.
   */
  @Get('metrics')
  @Public()
  async metricsText(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { metricsToken, isProduction } = this.config;
    if (metricsToken) {
      if (!sameSecret(request.headers.authorization ?? '', `Bearer ${metricsToken}`)) {
        // Answered by the HTTP error filter in the one error shape (401).
        reply.header('www-authenticate', 'Bearer');
        throw new UnauthenticatedError();
      }
    } else if (isProduction) {
      return void reply.callNotFound();
    }
    await reply.header('content-type', 'text/plain; version=0.0.4').send(await this.metrics.registry.metrics());
  }
}

/** Constant-time comparison of two strings of any length (digests first, so lengths do not leak). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
