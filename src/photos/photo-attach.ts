import { In, IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { PhotoEntity } from './photo.entity.js';
import { MAX_PHOTOS_PER_ITEM } from './photo-rules.js';

/** Who uploaded: residents and staff are separate id spaces. */
export function uploaderOf(actor: Actor): { uploaderKind: PhotoEntity['uploaderKind']; uploaderId: number } | null {
  if (actor.kind === 'resident') return { uploaderKind: 'RESIDENT', uploaderId: actor.id };
  if (actor.kind === 'staff') return { uploaderKind: 'STAFF', uploaderId: actor.id };
  return null;
}

/**
 * Attaches uploads to a new suggestion or reply inside the caller's transaction. Each id must be
 * the actor's own upload and still unattached; the conditional UPDATE decides, so two requests
 * racing for one upload cannot both have it (the loser's transaction rolls back with
 * BAD_USER_INPUT). A reply's photos also carry its suggestion id (their visibility follows it).
 */
export async function attachPhotos(
  em: EntityManager,
  actor: Actor,
  target: { suggestionId: number; replyId?: number | null },
  photoIds: readonly string[] | null | undefined,
  now: Date,
): Promise<number> {
  const ids = [...new Set(photoIds ?? [])];
  if (!ids.length) return 0;
  if (ids.length > MAX_PHOTOS_PER_ITEM) throw new ValidationError(msg('photo.tooMany', { max: MAX_PHOTOS_PER_ITEM }), 'photoIds');
  const uploader = uploaderOf(actor);
  if (!uploader) throw new ValidationError(msg('photo.notAttachable'), 'photoIds');
  const onItem = await em.countBy(PhotoEntity, { suggestionId: target.suggestionId, replyId: target.replyId ?? IsNull() });
  if (onItem + ids.length > MAX_PHOTOS_PER_ITEM) throw new ValidationError(msg('photo.tooMany', { max: MAX_PHOTOS_PER_ITEM }), 'photoIds');
  for (const [i, id] of ids.entries()) {
    const done = await em.update(
      PhotoEntity,
      { id, ...uploader, suggestionId: IsNull(), replyId: IsNull(), attachedAt: IsNull() },
      { suggestionId: target.suggestionId, replyId: target.replyId ?? null, position: onItem + i, attachedAt: now },
    );
    if (done.affected !== 1) throw new ValidationError(msg('photo.notAttachable'), 'photoIds', { photoId: id });
  }
  return ids.length;
}

/**
 * Inside an account deletion: removes the rows of the resident's photos (their uploads, and the
 * photos on their items) and returns the ids whose files the caller deletes after commit.
 */
export async function takeResidentPhotos(em: EntityManager, residentId: number, itemIds: readonly number[]): Promise<string[]> {
  const uploaded = await em.find(PhotoEntity, { select: { id: true }, where: { uploaderKind: 'RESIDENT', uploaderId: residentId } });
  const onItems = itemIds.length ? await em.find(PhotoEntity, { select: { id: true }, where: { suggestionId: In([...itemIds]), replyId: IsNull() } }) : [];
  const ids = [...new Set([...uploaded, ...onItems].map((p) => p.id))];
  if (ids.length) await em.delete(PhotoEntity, { id: In(ids) });
  return ids;
}
