import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isSqlite } from './dialect.js';

// What a transaction changed, noted while it runs and announced once it has committed
// (listeners such as the public-read cache must never see a change that rolled back).
const notes = new WeakMap<EntityManager, Set<string>>();

/** Notes that the transaction of `em` changed `what`; announced to `Transactions.onCommitted` listeners after commit. */
export function noteChange(em: EntityManager, what: string): void {
  const set = notes.get(em);
  // A change outside Transactions.run would never be announced: a programming error, not a runtime state.
  if (!set) throw new Error(`noteChange(${what}) outside Transactions.run`);
  set.add(what);
}

type CommittedListener = (changes: ReadonlySet<string>) => void | Promise<void>;

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Every write goes through here. SQLite (better-sqlite3) has one connection, so its
 * transactions run one at a time; MySQL transactions run concurrently and retry on deadlock.
 */
@Injectable()
export class Transactions {
  private readonly serial: boolean;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly committedListeners: CommittedListener[] = [];

  constructor(readonly dataSource: DataSource) {
    this.serial = isSqlite(dataSource);
  }

  /** Called after each commit whose transaction noted changes (noteChange). */
  onCommitted(listener: CommittedListener): void {
    this.committedListeners.push(listener);
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.withDeadlockRetry(work);
    const result = this.tail.then(() => this.once(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  // One attempt: the notes of an attempt that rolled back are dropped with it.
  private async once<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    let changes: Set<string> | undefined;
    const result = await this.dataSource.transaction((em) => {
      changes = new Set();
      notes.set(em, changes);
      return work(em);
    });
    // Awaited, so the caller's next read already sees the change (listeners never throw).
    if (changes?.size) await Promise.all(this.committedListeners.map((l) => l(changes!)));
    return result;
  }

  private async withDeadlockRetry<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 3 || !code || !MYSQL_RETRYABLE.has(code)) throw err;
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
      }
    }
  }
}
