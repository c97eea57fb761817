import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { connectRedis, redisTarget, type RedisClient } from './redis-connection.js';

export const REDIS = Symbol('REDIS');

/** The shared Redis connection (one server or a cluster) for rate limits, caches, revocation and health; null in embedded mode. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: AppConfig, logger: Logger): RedisClient | null => {
        const target = redisTarget(config);
        if (!target) return null;
        // Producer-side connection: fail fast so requests do not hang while Redis is away.
        const client = connectRedis(target, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
        // Without a listener ioredis prints every failed reconnect to stderr; once per outage is enough.
        let down = false;
        client.on('error', (err) => {
          if (!down) logger.warn({ err: err.message }, 'Redis unreachable; rate limits count in memory until it returns');
          down = true;
        });
        client.on('ready', () => {
          if (down) logger.info('Redis reachable again');
          down = false;
        });
        return client;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient | null) {}
  async onApplicationShutdown(): Promise<void> {
    // quit() fails while Redis is unreachable; disconnect() then stops the reconnect loop,
    // which would otherwise keep the process alive after shutdown.
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
