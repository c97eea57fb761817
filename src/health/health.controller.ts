import { Controller, Get, Header, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
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

  @Get('metrics')
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
