import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Every write goes through here. SQLite (better-sqlite3) has one connection, so its
 * transactions run one at a time; MySQL transactions run concurrently and retry on deadlock.
 */
@Injectable()
export class Transactions {
  private readonly serial: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.withDeadlockRetry(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async withDeadlockRetry<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 3 || !code || !MYSQL_RETRYABLE.has(code)) throw err;
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
      }
    }
  }
}
