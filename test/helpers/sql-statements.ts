import type { DataSource, Logger, QueryRunner } from 'typeorm';

/**
 * Runs `work` and gives back its result with every SQL statement the data source sent meanwhile.
 * Each statement passes the data source's logger, so this counts what the database server sees;
 * the original logger still gets every call.
 */
export async function withStatements<T>(dataSource: DataSource, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const original = dataSource.logger;
  const statements: string[] = [];
  const counting: Logger = {
    logQuery: (query: string, parameters?: unknown[], runner?: QueryRunner) => {
      statements.push(query);
      return original.logQuery(query, parameters, runner);
    },
    logQueryError: (...a) => original.logQueryError(...a),
    logQuerySlow: (...a) => original.logQuerySlow(...a),
    logSchemaBuild: (...a) => original.logSchemaBuild(...a),
    logMigration: (...a) => original.logMigration(...a),
    log: (...a) => original.log(...a),
  };
  dataSource.logger = counting;
  try {
    return { result: await work(), statements };
  } finally {
    dataSource.logger = original;
  }
}
