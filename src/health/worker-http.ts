import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { fastify, type FastifyInstance } from 'fastify';
import { Metrics } from '../metrics/metrics.js';
import { HealthChecks } from './health-checks.js';

/**
 * The worker's own small HTTP server (WORKER_PORT): the same liveness, readiness and metrics
 * as the api, so its counters and queue gauges are scraped and orchestrators can probe it.
 * It serves nothing else.
 */
@Injectable()
export class WorkerHttp implements OnApplicationShutdown {
  private server: FastifyInstance | null = null;
  /** The port it listens on (the chosen one when asked for port 0). */
  port = 0;

  constructor(
    private readonly health: HealthChecks,
    private readonly metrics: Metrics,
  ) {}

  /** Starts listening; returns the port (useful when asked for port 0). */
  async listen(host: string, port: number): Promise<number> {
    const server = fastify({ logger: false });
    server.get('/health/live', async () => this.health.liveness());
    const ready = async (_: unknown, reply: { status(code: number): { send(body: unknown): unknown } }) => {
      const { ready, body } = await this.health.readiness();
      return reply.status(ready ? 200 : 503).send(body);
    };
    server.get('/health/ready', ready);
    server.get('/health', ready);
    server.get('/metrics', async (_, reply) => reply.type('text/plain; version=0.0.4').send(await this.metrics.registry.metrics()));
    await server.listen({ host, port });
    this.server = server;
    this.port = (server.server.address() as { port: number }).port;
    return this.port;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}
