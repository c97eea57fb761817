import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { testDatabase } from '../helpers/test-db.js';

// Migrations own the schema; this fails when an entity and the migrations disagree.
describe(`migrations match entities (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  // Every migration up and down on MariaDB takes a while on a loaded 2-core machine.
  it('leaves nothing for the schema builder to change after all migrations ran', async () => {
    const db = await testDatabase('drift', { empty: true });
    if (!db) return;
    const ds = new DataSource({ ...dataSourceOptions(db), migrationsTransactionMode: 'each' });
    await ds.initialize();
    try {
      const applied = await ds.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      // And they undo cleanly.
      for (let i = 0; i < applied.length; i++) await ds.undoLastMigration();
      const runner = ds.createQueryRunner();
      const left = [];
      for (const m of ds.entityMetadatas) if (await runner.hasTable(m.tableName)) left.push(m.tableName);
      await runner.release();
      expect(left).toEqual([]);
    } finally {
      await ds.destroy();
      await db.cleanup();
    }
  }, 120_000);
});
