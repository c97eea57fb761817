// The platform computing award rounds, as the worker process does at quarter end: the
// worker's own module graph (src/worker.ts), the AwardsService, the production config.
// Driven over stdin one line per command so the benchmark can time and capture each round:
//   compute <quarter>  → {"ms": …}
//   exit               → closes the application and exits
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../src/config/app-config.js';
import { createLogger } from '../src/common/logger.js';
import { Clock } from '../src/common/clock.js';
import { AwardsService } from '../src/awards/awards.service.js';
import { WorkerModule } from '../src/worker.js';

const config = loadConfig();
const logger = createLogger(config);
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger, new Clock()), {
  logger: ['error', 'warn'],
  abortOnError: false,
});
const awards = app.get(AwardsService, { strict: false });
// Replies are marked: the application's logger writes JSON lines to the same stdout.
const reply = (value: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ scoringReply: value })}\n`);
reply({ ready: true });

for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === 'compute') {
    const started = performance.now();
    try {
      await awards.compute('SYSTEM', arg!);
      reply({ ms: performance.now() - started });
    } catch (err) {
      reply({ error: String((err as Error).stack ?? err) });
    }
  } else if (command === 'exit') {
    break;
  }
}
await app.close();
process.exit(0);
