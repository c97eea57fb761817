import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';
import { requireRole, type Actor } from '../auth/actor.js';
import { INTAKE_ROLES, UNIT_ROLES, type Role } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { RateLimits } from '../common/rate-limit/rate-limits.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { outboxEntry } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { photoIsPublic, type PhotoAccess } from '../privacy/text-visibility.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { uploaderOf } from './photo-attach.js';
import { PhotoEntity } from './photo.entity.js';
import { processPhoto } from './photo-processing.js';
import {
  PHOTO_VARIANTS,
  UNATTACHED_PHOTO_TTL_MS,
  checkPhotoSignature,
  photoUrlKey,
  publicPhotoPath,
  signedPhotoPath,
  storageKey,
  type PhotoVariant,
} from './photo-rules.js';
import { PHOTO_STORAGE, type PhotoStorage } from './storage/photo-storage.js';

/** A photo as a reader may fetch it: paths relative to the API's origin. */
export interface PhotoLinks {
  id: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

export interface ServedPhoto {
  bytes: Buffer;
  /** Public photos may be cached by anyone; signed ones only by the reader, until they expire. */
  cacheControl: string;
}

/** Who uploads photos: residents for their items, units for their replies, the office and counter staff for items they record. */
export const PHOTO_UPLOADERS: readonly Role[] = ['RESIDENT', ...UNIT_ROLES, ...INTAKE_ROLES];

@Injectable()
export class PhotosService {
  private readonly urlKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly rateLimits: RateLimits,
    @Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.urlKey = photoUrlKey(config.jwt.secret);
  }

  /**
   * An upload: sniffed, re-encoded (full size and thumbnail, no metadata), stored, and recorded
   * unattached with the job that deletes it if no submission claims it within the bound.
   */
  async upload(actor: Actor, ip: string, readBytes: () => Promise<Buffer>): Promise<PhotoLinks> {
    const uploader = uploaderOf(actor);
    if (!uploader) throw new UnauthenticatedError();
    requireRole(actor, PHOTO_UPLOADERS);
    // Counted before the body is read: a refused upload costs neither the transfer nor the decode.
    await this.rateLimits.consume('photoUploadPerIp', ip, msg('photo.tooManyFromAddress'));
    await this.rateLimits.consume('photoUploadPerAccount', `${uploader.uploaderKind}:${uploader.uploaderId}`, msg('common.rateLimited'));
    const processed = await processPhoto(await readBytes());
    const id = randomUUID().replaceAll('-', '');
    await this.storage.put(storageKey(id, 'full'), processed.full.bytes, 'image/jpeg');
    await this.storage.put(storageKey(id, 'thumb'), processed.thumb.bytes, 'image/jpeg');
    const now = this.clock.now();
    const row: PhotoEntity = {
      id,
      ...uploader,
      suggestionId: null,
      replyId: null,
      position: 0,
      sourceType: processed.sourceType.replace('image/', ''),
      width: processed.full.width,
      height: processed.full.height,
      thumbWidth: processed.thumb.width,
      thumbHeight: processed.thumb.height,
      bytes: processed.full.bytes.length + processed.thumb.bytes.length,
      createdAt: now,
      attachedAt: null,
    };
    try {
      await this.tx.run(async (em) => {
        await em.insert(PhotoEntity, row);
        await writeOutbox(em, now, [
          outboxEntry('photos.discard-unattached', { photoId: id }, `photo-discard:${id}`, new Date(now.getTime() + UNATTACHED_PHOTO_TTL_MS)),
        ]);
      });
    } catch (err) {
      await this.removeFiles([id]);
      throw err;
    }
    return this.links(row, 'SIGNED');
  }

  /** The paths a reader uses: open ones for a public item, else signed and short-lived. */
  links(p: Pick<PhotoEntity, 'id' | 'width' | 'height'>, access: Exclude<PhotoAccess, 'NONE'>): PhotoLinks {
    const path = (variant: PhotoVariant) =>
      access === 'PUBLIC' ? publicPhotoPath(p.id, variant) : signedPhotoPath(this.urlKey, p.id, variant, this.clock.now().getTime());
    return { id: p.id, url: path('full'), thumbnailUrl: path('thumb'), width: p.width, height: p.height };
  }

  /** Photos of suggestions (not of their replies), by suggestion id, in order. */
  async bySuggestion(ids: readonly number[]): Promise<PhotoEntity[][]> {
    const rows = ids.length
      ? await this.dataSource
          .getRepository(PhotoEntity)
          .createQueryBuilder('p')
          .where('p.suggestionId IN (:...ids)', { ids })
          .andWhere('p.replyId IS NULL')
          .orderBy('p.position', 'ASC')
          .getMany()
      : [];
    return ids.map((id) => rows.filter((r) => r.suggestionId === id));
  }

  /** Photos of replies, by reply id, in order. */
  async byReply(ids: readonly number[]): Promise<PhotoEntity[][]> {
    const rows = ids.length
      ? await this.dataSource.getRepository(PhotoEntity).createQueryBuilder('p').where('p.replyId IN (:...ids)', { ids }).orderBy('p.position', 'ASC').getMany()
      : [];
    return ids.map((id) => rows.filter((r) => r.replyId === id));
  }

  /**
   * GET /photos/:id/:variant.jpg. With a signature: valid and unexpired, or refused. Without:
   * served only while the policy says the item is public (checked now, not when the link was made).
   */
  async serve(photoId: string, variant: PhotoVariant, query: { exp?: string; sig?: string }): Promise<ServedPhoto> {
    const now = this.clock.now().getTime();
    const signed = query.exp !== undefined || query.sig !== undefined;
    if (signed) {
      const check = checkPhotoSignature(this.urlKey, photoId, variant, query.exp ?? '', query.sig ?? '', now);
      if (check === 'INVALID') throw new ForbiddenError(msg('photo.linkInvalid'));
      if (check === 'EXPIRED') throw new ForbiddenError(msg('photo.linkExpired'));
    }
    const photo = await this.dataSource.getRepository(PhotoEntity).findOneBy({ id: photoId });
    if (!photo) throw new NotFoundError('Photo', photoId);
    if (!signed && !(await this.isPublic(photo))) throw new ForbiddenError(msg('photo.linkInvalid'));
    const bytes = await this.storage.get(storageKey(photo.id, variant));
    if (!bytes) throw new NotFoundError('Photo', photoId);
    const maxAge = signed ? Math.max(0, Math.floor((Number(query.exp) * 1000 - now) / 1000)) : 300;
    return { bytes, cacheControl: signed ? `private, max-age=${maxAge}` : 'public, max-age=300' };
  }

  private async isPublic(photo: PhotoEntity): Promise<boolean> {
    if (photo.suggestionId === null) return false;
    const s = await this.dataSource.getRepository(SuggestionEntity).findOne({ select: { id: true, published: true, consentToPublish: true }, where: { id: photo.suggestionId } });
    if (!s) return false;
    if (photo.replyId === null) return photoIsPublic(s);
    const r = await this.dataSource.getRepository(ReplyEntity).findOne({ select: { id: true, status: true }, where: { id: photo.replyId } });
    return r !== null && photoIsPublic(s, { published: r.status === 'PUBLISHED' });
  }

  /**
   * The `photos.discard-unattached` job: an upload still unattached once its bound has passed is
   * deleted, row first (so a submission racing it fails cleanly rather than attaching a ghost),
   * then its files. Attached photos and younger uploads are left alone.
   */
  async discardIfUnattached(photoId: string): Promise<boolean> {
    const cutoff = new Date(this.clock.now().getTime() - UNATTACHED_PHOTO_TTL_MS);
    const gone = await this.dataSource
      .getRepository(PhotoEntity)
      .delete({ id: photoId, suggestionId: IsNull(), replyId: IsNull(), attachedAt: IsNull(), createdAt: LessThanOrEqual(cutoff) });
    if (!gone.affected) return false;
    await this.removeFiles([photoId]);
    this.logger.info({ photoId }, 'unattached photo discarded');
    return true;
  }

  /**
   * After a commit that removed the rows (account deletion): a storage failure is logged with
   * the ids, not thrown at a caller whose change already happened.
   */
  async removeFilesAfterCommit(photoIds: readonly string[]): Promise<void> {
    try {
      await this.removeFiles(photoIds);
    } catch (err) {
      this.logger.error({ photoIds, err: err instanceof Error ? err.message : String(err) }, 'photo files not deleted; delete them by id');
    }
  }

  /** Deletes the stored files of photos whose rows are gone. */
  async removeFiles(photoIds: readonly string[]): Promise<void> {
    for (const id of photoIds) {
      for (const variant of PHOTO_VARIANTS) await this.storage.delete(storageKey(id, variant));
    }
  }
}
