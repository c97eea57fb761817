import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers. With CI=true a missing Redis fails the run; elsewhere the suite
 * skips with one line saying how to start it.
 */
export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`Redis is required in CI and did not answer: ${String(err)}`);
    console.warn('Redis not reachable on 127.0.0.1:6379; skipping BullMQ suites. Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no');
    return false;
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under a BullMQ prefix (each suite uses its own). */
export async function dropPrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    for (let cursor = '0'; ; ) {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await client.unlink(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    client.disconnect();
  }
}

let counter = 0;
export function uniquePrefix(label: string): string {
  return `t-${label}-${process.pid}-${Date.now().toString(36)}-${++counter}`;
}
