// Whether a replica may serve reads that tolerate a bounded staleness. Pure: no driver import.

/** The row of SHOW REPLICA STATUS / SHOW SLAVE STATUS (MariaDB and MySQL name the columns differently). */
export type ReplicaStatusRow = Record<string, unknown>;

export interface ReplicaState {
  replicating: boolean;
  /** Seconds_Behind_Master; null while the SQL thread is stopped or the IO thread is disconnected. */
  lagMs: number | null;
}

function column(row: ReplicaStatusRow, ...names: string[]): unknown {
  for (const n of names) if (n in row) return row[n];
  return undefined;
}

/** No row: the server is not a replica at all (e.g. RESET SLAVE ALL), which is never fresh. */
export function replicaState(row: ReplicaStatusRow | undefined): ReplicaState {
  if (!row) return { replicating: false, lagMs: null };
  const io = column(row, 'Slave_IO_Running', 'Replica_IO_Running');
  const sql = column(row, 'Slave_SQL_Running', 'Replica_SQL_Running');
  const behind = column(row, 'Seconds_Behind_Master', 'Seconds_Behind_Source');
  const lag = behind === null || behind === undefined || behind === '' ? null : Number(behind) * 1000;
  return { replicating: io === 'Yes' && sql === 'Yes', lagMs: lag !== null && Number.isFinite(lag) ? lag : null };
}

/**
 * Fresh = both replication threads run and the replica is at most `maxLagMs` behind. A stopped
 * SQL thread (lag unknown) is stale however recently it stopped: its lag only grows.
 */
export function isFresh(state: ReplicaState, maxLagMs: number): boolean {
  return state.replicating && state.lagMs !== null && state.lagMs <= maxLagMs;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'POOL_NONEONLINE',
  'POOL_NOEXIST',
  'POOL_CLOSED',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

/** The replica could not be reached or went away mid-read (the read itself was fine). */
export function isConnectionFailure(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code && CONNECTION_CODES.has(code)) return true;
  return /Pool does not exist|Connection lost|connect ECONNREFUSED|Can't add new command when connection is in closed state/i.test(e?.message ?? '');
}
