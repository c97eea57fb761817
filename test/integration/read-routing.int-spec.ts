import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createLogger } from '../../src/common/logger.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ReadRouting, RoutedDataSource } from '../../src/database/read-routing.js';
import { describeDb } from '../helpers/test-app.js';
import { dropMysqlDatabase, freshMysqlDatabase, mysqlAvailable, TEST_DB } from '../helpers/test-db.js';

// The replica side of issue 17 §1 that needs no replication: a "replica" URL pointing at another
// database of the shared server tells which side a read went to. Real lag, failover and a real
// GTID replica are in `npm run test:scale` (test/scale/scenarios/replica.ts).
describe(describeDb('read routing'), () => {
  const logger = createLogger({ logLevel: 'silent' });
  let primaryUrl = '';
  let replicaUrl = '';
  let ready = false;

  async function seed(url: string, value: string): Promise<void> {
    const c = await createConnection({ uri: url });
    await c.query('CREATE TABLE marker (v VARCHAR(20) NOT NULL)');
    await c.query('INSERT INTO marker (v) VALUES (?)', [value]);
    await c.end();
  }

  beforeAll(async () => {
    if (TEST_DB !== 'mysql' || !(await mysqlAvailable())) return;
    primaryUrl = await freshMysqlDatabase('route_p');
    replicaUrl = await freshMysqlDatabase('route_r');
    await seed(primaryUrl, 'primary');
    await seed(replicaUrl, 'replica');
    ready = true;
  });
  afterAll(async () => {
    if (primaryUrl) await dropMysqlDatabase(primaryUrl);
    if (replicaUrl) await dropMysqlDatabase(replicaUrl);
  });

  function config(replicas: boolean): AppConfig {
    const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    return { ...base, database: { type: 'mariadb', url: primaryUrl, poolSize: 4, ...(replicas && { replicas: { urls: [replicaUrl], maxLagMs: 1000, checkMs: 60_000 } }) } };
  }

  async function open(c: AppConfig): Promise<DataSource> {
    const options = { ...dataSourceOptions(c), entities: [], migrations: [] };
    return ('replication' in options && options.replication ? new RoutedDataSource(options) : new DataSource(options)).initialize();
  }

  const marker = async (ds: DataSource) => ((await ds.createQueryBuilder().select('m.v', 'v').from('marker', 'm').getRawOne()) as { v: string }).v;

  it('without replicas, a plain DataSource and fromReplica just runs the read', async () => {
    if (!ready) return;
    const c = config(false);
    const ds = await open(c);
    const routing = new ReadRouting(c, logger);
    await routing.onModuleInit();
    try {
      expect(ds).not.toBeInstanceOf(RoutedDataSource);
      expect(routing.replicasInUse).toBe(false);
      expect(await routing.fromReplica(() => marker(ds))).toBe('primary');
      expect(routing.counts).toEqual({ replica: 0, primary: 0, fallbacks: 0 });
    } finally {
      await routing.onModuleDestroy();
      await ds.destroy();
    }
  });

  it('with replicas, unmarked reads, writes and transactions use the primary; a server that is no replica is never read from', async () => {
    if (!ready) return;
    const c = config(true);
    const ds = await open(c);
    const routing = new ReadRouting(c, logger);
    await routing.onModuleInit();
    try {
      expect(ds).toBeInstanceOf(RoutedDataSource);
      expect(ds.defaultReplicationModeForReads()).toBe('master');
      expect(await marker(ds)).toBe('primary');
      // The "replica" answers SHOW SLAVE STATUS with no row: not replicating, so not fresh.
      expect(routing.replicasInUse).toBe(false);
      expect(await routing.fromReplica(() => marker(ds))).toBe('primary');
      expect(routing.counts.primary).toBe(1);
      // TypeORM's explicit slave runner does reach it (what fromReplica uses while it is fresh).
      const qr = ds.createQueryRunner('slave');
      try {
        expect((await qr.query('SELECT v FROM marker'))[0].v).toBe('replica');
      } finally {
        await qr.release();
      }
      await ds.transaction((em) => em.query("INSERT INTO marker (v) VALUES ('written')"));
      const [{ n }] = await ds.query("SELECT COUNT(*) AS n FROM marker WHERE v = 'written'");
      expect(Number(n)).toBe(1);
    } finally {
      await routing.onModuleDestroy();
      await ds.destroy();
    }
  });
});
