import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './config/app-config.js';
import { createApp } from './app.factory.js';
import { PiiCrypto } from './common/pii-crypto.js';
import { demoBanner, seedDemo } from './demo/demo-seed.js';
import { StaffService } from './staff/staff.service.js';
import { AwardsService } from './awards/awards.service.js';
import { previousQuarter } from './calendar/quarters.js';
import { publishDemoAwards } from './demo/demo-history.js';
import { seedDemoDisclosure } from './demo/demo-disclosure.js';
import { DisclosureRequestsService } from './disclosure/disclosure-requests.service.js';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const { app, logger, clock } = await createApp(config);
  if (config.seedDemo) {
    const seeded = await seedDemo(app.get(DataSource), app.get(PiiCrypto), app.get(StaffService), clock.now());
    if (seeded) {
      // Last quarter's award round, so leaderboard, explainUnitScore and the awards export answer.
      await publishDemoAwards(app.get(AwardsService), app.get(DataSource), previousQuarter(clock.now()));
      // This year's disclosure ledger, so its pages, follow-up calls and annual report show figures.
      await seedDemoDisclosure(app.get(DisclosureRequestsService), app.get(DataSource), clock.now());
      logger.info('Seeded the demo data set');
    }
  }
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  logger.info({ mode: config.mode, jobs: config.jobs.driver, url }, 'CivicLoop api started');
  if (config.seedDemo) process.stdout.write(demoBanner(url, config.smsFile));
}

bootstrap().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
