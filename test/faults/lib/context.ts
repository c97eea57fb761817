import { PiiScanner } from '../../security/lib/scanners.js';
import type { SecurityApp } from '../../security/lib/security-app.js';
import { PrivateMariaDb, redisDump } from './services.js';

/** What every scenario gets: the size of the run, a private MariaDB, the shared personal-data scan. */
export interface FaultContext {
  quick: boolean;
  /** A temporary directory of this run. */
  root: string;
  mariadb(): Promise<PrivateMariaDb>;
  /** Personal data seen anywhere in the run: responses, logs, Redis. */
  pii: PiiScanner;
  log(line: string): void;
}

export type { ScenarioResult } from './scenario-runner.js';

/**
 * Folds an app's personal-data findings into the run's scan: its responses were scanned as they
 * arrived; its log is scanned here, and the codes it sent settle the 6-digit sightings.
 */
export function collectPii(ctx: FaultContext, app: SecurityApp): void {
  app.scanLogs();
  ctx.pii.merge(app.pii);
}

export async function scanRedis(ctx: FaultContext, url: string, codes: string[] = []): Promise<number> {
  const before = ctx.pii.hits;
  for (const text of await redisDump(url)) ctx.pii.scan(text, 'redis');
  ctx.pii.settleCodes(codes);
  return ctx.pii.hits - before;
}
