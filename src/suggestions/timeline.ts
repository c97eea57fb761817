import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { TimelineEventEntity, type ActorKind } from './timeline-event.entity.js';
import { publicChange } from '../public-cache/public-changes.js';
import { itemChangeOf } from '../public-cache/public-reads.js';

export interface TimelineEntry {
  suggestionId: number;
  actor: Actor | 'SYSTEM';
  unitId?: number | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note?: string | null;
  at: Date;
}

/** Appends history inside the caller's transaction; returns the event ids in order. */
export async function appendTimeline(em: EntityManager, entries: readonly TimelineEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  // Every change to an item writes its timeline: the one place public reads hear of item changes.
  for (const e of entries) publicChange(em, itemChangeOf(e.action, e.toStatus));
  const result = await em.insert(
    TimelineEventEntity,
    entries.map((e) => {
      const kind: ActorKind = e.actor === 'SYSTEM' ? 'SYSTEM' : e.actor.kind === 'resident' ? 'RESIDENT' : 'STAFF';
      const actorId = e.actor === 'SYSTEM' || e.actor.kind === 'anonymous' ? null : e.actor.id;
      return {
        suggestionId: e.suggestionId,
        actorKind: kind,
        actorId,
        unitId: e.unitId ?? null,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note ?? null,
        at: e.at,
      };
    }),
  );
  return result.identifiers.map((i) => i.id as number);
}
