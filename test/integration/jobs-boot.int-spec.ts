import { JOB_NAMES } from '../../src/jobs/job-types.js';
import { testDatabase, TEST_DB } from '../helpers/test-db.js';
import { ALL_HANDLERS, handlerClass, startJobsContext, testJobsOptions } from '../helpers/jobs-context.js';

// Start-up refuses to continue unless every job name has exactly one @OnJob handler.
describe(`jobs module boot check [${TEST_DB}]`, () => {
  async function boot(handlers: ReturnType<typeof handlerClass>[]): Promise<'started' | null> {
    const db = await testDatabase('jobs-boot');
    if (!db) return null;
    try {
      const ctx = await startJobsContext({ driver: 'sql', database: db.database, options: testJobsOptions('boot'), handlers });
      await ctx.close();
      return 'started';
    } finally {
      await db.cleanup();
    }
  }

  it('starts when every job has exactly one handler', async () => {
    const result = await boot([ALL_HANDLERS]);
    if (result !== null) expect(result).toBe('started'); // null: MariaDB not running outside CI
  });

  it('refuses to start when a job has no handler', async () => {
    const missing = JOB_NAMES.filter((n) => n !== 'rating.auto-close');
    await expect(boot([handlerClass(missing, 'MostHandlers')])).rejects.toThrow('job "rating.auto-close" has no @OnJob handler');
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    await expect(boot([ALL_HANDLERS, handlerClass(['campaign.open'], 'SecondOpener')])).rejects.toThrow(
      /job "campaign.open" has 2 handlers: RecordingHandlers\.on_campaign_open, SecondOpener\.on_campaign_open/,
    );
  });
});
