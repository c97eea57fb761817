import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';

/** A single Redis or a Redis Cluster: both speak the commands this code base uses. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: a URL, or the seed nodes of a cluster. */
export type RedisTarget = string | readonly { host: string; port: number }[];

export function redisTarget(config: Pick<AppConfig, 'redisUrl' | 'redisCluster'>): RedisTarget | null {
  return config.redisCluster?.length ? config.redisCluster : (config.redisUrl ?? null);
}

export function isClusterTarget(target: RedisTarget): target is readonly { host: string; port: number }[] {
  return typeof target !== 'string';
}

/**
 * The one place a Redis connection is made. On a cluster every command is routed by key slot;
 * `options` are the per-node options (timeouts, retries), as for a single server.
 */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  if (!isClusterTarget(target)) return new Redis(target, options);
  const { enableOfflineQueue, retryStrategy, ...nodeOptions } = options;
  const clusterOptions: ClusterOptions = {
    redisOptions: nodeOptions,
    // A failover moves slots: ioredis follows MOVED/ASK and refreshes the slot map by itself.
    enableOfflineQueue: enableOfflineQueue ?? true,
    clusterRetryStrategy: (times) => (retryStrategy ? (retryStrategy(times) ?? null) : Math.min(100 + times * 50, 2000)),
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 200,
    slotsRefreshTimeout: 2000,
  };
  if (options.lazyConnect) clusterOptions.lazyConnect = true;
  return new Cluster([...target], clusterOptions);
}

/**
 * A second connection like `client` (for SUBSCRIBE, which takes a connection for itself). On a
 * cluster, PUBLISH reaches subscribers on every node, so the subscriber may sit on any node.
 */
export function duplicateRedis(client: RedisClient, options: RedisOptions): RedisClient {
  if (client instanceof Cluster) {
    const { enableOfflineQueue, ...nodeOptions } = options;
    return client.duplicate(undefined, { redisOptions: { ...client.options.redisOptions, ...nodeOptions }, enableOfflineQueue: enableOfflineQueue ?? true });
  }
  return client.duplicate(options);
}

/**
 * BullMQ needs every key of a queue in one hash slot on a cluster: the prefix carries a hash
 * tag (`{civicloop}`). On a single server the prefix stays as it was, so existing queues keep their keys.
 */
export function queuePrefix(prefix: string, target: RedisTarget): string {
  return isClusterTarget(target) && !/\{.+\}/.test(prefix) ? `{${prefix}}` : prefix;
}
