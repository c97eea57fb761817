import type { EntityManager } from 'typeorm';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import type { OutboxEntry } from './job-types.js';

/**
 * Writes outbox rows inside the caller's transaction. A dedupe key seen before is ignored,
 * so retried or repeated changes schedule each job once.
 */
export async function writeOutbox(em: EntityManager, now: Date, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await em
    .createQueryBuilder()
    .insert()
    .into(OutboxMessageEntity)
    .values(
      entries.map((e) => ({
        topic: e.topic,
        payload: e.payload as never, // simple-json column: TypeORM serialises it
        dedupeKey: e.dedupeKey,
        availableAt: e.availableAt ?? now,
        dispatchedAt: null,
        attempts: 0,
        lastError: null,
        createdAt: now,
      })),
    )
    .orIgnore()
    // Nothing reads the generated ids back: without this TypeORM adds RETURNING and hydrates them.
    .updateEntity(false)
    .execute();
}
