import { ConfigError, DEV_JWT_SECRET, loadConfig } from './app-config.js';

const SECRETS = {
  JWT_SECRET: 'x'.repeat(40),
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  PII_HASH_KEY: 'h'.repeat(20),
};

describe('configuration', () => {
  it('defaults to embedded mode with the SQL job driver', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('embedded');
    expect(c.database).toEqual({ type: 'sqlite', path: './data/civicloop.sqlite' });
    expect(c.jobs).toEqual({ driver: 'sql', runInApi: true });
    expect(c.migrationsRun).toBe(true);
    expect(c.seedDemo).toBe(true);
    expect(c.port).toBe(3000);
  });

  it('switches to production mode with MySQL or MariaDB and Redis', () => {
    const c = loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/x', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c.mode).toBe('production');
    expect(c.database).toMatchObject({ type: 'mariadb', url: 'mysql://root@127.0.0.1:3306/x' });
    expect(c.jobs).toEqual({ driver: 'bullmq', runInApi: false });
    expect(c.migrationsRun).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://a@b/c' }).database.type).toBe('mysql');
  });

  it('takes read replicas of the primary and a Redis Cluster instead of one Redis', () => {
    const c = loadConfig({
      DATABASE_URL: 'mariadb://root@p:3306/x',
      DATABASE_REPLICA_URLS: 'mariadb://root@r1:3306/x, mysql://root@r2:3306/x',
      REPLICA_MAX_LAG_MS: '2000',
      REDIS_CLUSTER_NODES: '10.0.0.1:6379,redis-2:6380',
    });
    expect(c.database).toMatchObject({ replicas: { urls: ['mysql://root@r1:3306/x', 'mysql://root@r2:3306/x'], maxLagMs: 2000, checkMs: 2000 } });
    expect(c.redisCluster).toEqual([{ host: '10.0.0.1', port: 6379 }, { host: 'redis-2', port: 6380 }]);
    expect(c.jobs.driver).toBe('bullmq');
    // Without them nothing changes: no replicas key, no cluster.
    const plain = loadConfig({ DATABASE_URL: 'mariadb://root@p:3306/x', REDIS_URL: 'redis://r:6379' });
    expect(plain.database).not.toHaveProperty('replicas');
    expect(plain.redisCluster).toBeUndefined();
  });

  it('refuses replicas without a primary, both Redis forms at once, and malformed lists', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'mysql://r/x' })).toThrow(/DATABASE_REPLICA_URLS: replicas need DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: 'redis://a:1', REDIS_CLUSTER_NODES: 'b:2' })).toThrow(/either REDIS_URL or REDIS_CLUSTER_NODES/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://p/x', DATABASE_REPLICA_URLS: 'postgres://r/x' })).toThrow(/DATABASE_REPLICA_URLS: must be a comma-separated list/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis://a:1' })).toThrow(/REDIS_CLUSTER_NODES: must be a comma-separated list of host:port/);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', PII_ENCRYPTION_KEY: 'short' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL: must be a mysql:\/\/ or mariadb:\/\/ URL/);
      expect((err as Error).message).toMatch(/PII_ENCRYPTION_KEY: must be 32 bytes/);
    }
    expect(() => loadConfig({ JOBS_DRIVER: 'bullmq' })).toThrow(/JOBS_DRIVER: bullmq needs REDIS_URL/);
  });

  it('refuses production on development secrets, naming them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET, PII_ENCRYPTION_KEY, PII_HASH_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...SECRETS, JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET/);
    const c = loadConfig({ NODE_ENV: 'production', ...SECRETS });
    expect(c.isProduction).toBe(true);
    expect(c.seedDemo).toBe(false);
  });

  it('hashes passwords at argon2 defaults, cheaply under test only, and production refuses less than the OWASP floor', () => {
    expect(loadConfig({}).passwordHashCost).toEqual({ memoryKib: 65_536, timeCost: 3, parallelism: 4 });
    expect(loadConfig({ NODE_ENV: 'production', ...SECRETS }).passwordHashCost).toEqual({ memoryKib: 65_536, timeCost: 3, parallelism: 4 });
    expect(loadConfig({ NODE_ENV: 'test' }).passwordHashCost).toEqual({ memoryKib: 1_024, timeCost: 1, parallelism: 1 });
    expect(loadConfig({ NODE_ENV: 'production', ...SECRETS, PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' }).passwordHashCost.memoryKib).toBe(19_456);
    expect(() => loadConfig({ NODE_ENV: 'production', ...SECRETS, PASSWORD_HASH_MEMORY_KIB: '1024' })).toThrow(/PASSWORD_HASH_MEMORY_KIB.*19456 KiB/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...SECRETS, PASSWORD_HASH_TIME_COST: '1' })).toThrow(/OWASP/);
    expect(() => loadConfig({ PASSWORD_HASH_PARALLELISM: '0' })).toThrow(/PASSWORD_HASH_PARALLELISM/);
  });
});
