import type { MariaDbPair } from './mariadb-pair.js';

/** What every scale scenario gets: the size of the run, the private servers it may share. */
export interface ScaleContext {
  quick: boolean;
  /** A temporary directory of this run. */
  root: string;
  /** The private primary + replica pair (started once, on first use). */
  mariadbPair(): Promise<MariaDbPair>;
  log(line: string): void;
}

export type { ScenarioResult } from '../../faults/lib/scenario-runner.js';
