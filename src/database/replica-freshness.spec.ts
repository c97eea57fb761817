import { isConnectionFailure, isFresh, replicaState } from './replica-freshness.js';

describe('replica freshness', () => {
  const mariadb = (io: string, sql: string, behind: number | null) => ({ Slave_IO_Running: io, Slave_SQL_Running: sql, Seconds_Behind_Master: behind });

  it('is fresh only while both threads run within the bound', () => {
    expect(isFresh(replicaState(mariadb('Yes', 'Yes', 0)), 5000)).toBe(true);
    expect(isFresh(replicaState(mariadb('Yes', 'Yes', 5)), 5000)).toBe(true);
    expect(isFresh(replicaState(mariadb('Yes', 'Yes', 6)), 5000)).toBe(false);
    expect(isFresh(replicaState(mariadb('Yes', 'Yes', 0)), 0)).toBe(true);
  });

  it('treats a stopped SQL or IO thread as stale, whatever the lag says', () => {
    expect(isFresh(replicaState(mariadb('Yes', 'No', null)), 5000)).toBe(false);
    expect(isFresh(replicaState(mariadb('Connecting', 'Yes', 0)), 5000)).toBe(false);
    expect(isFresh(replicaState(mariadb('No', 'No', 0)), 5000)).toBe(false);
  });

  it('reads MySQL 8 column names and refuses a server that is no replica', () => {
    expect(isFresh(replicaState({ Replica_IO_Running: 'Yes', Replica_SQL_Running: 'Yes', Seconds_Behind_Source: '1' }), 5000)).toBe(true);
    expect(isFresh(replicaState(undefined), 5000)).toBe(false);
  });

  it('tells connection failures from query errors', () => {
    expect(isConnectionFailure({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isConnectionFailure({ driverError: { code: 'PROTOCOL_CONNECTION_LOST' } })).toBe(true);
    expect(isConnectionFailure({ code: 'ER_PARSE_ERROR' })).toBe(false);
    expect(isConnectionFailure(new Error('boom'))).toBe(false);
  });
});
