import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { hasRole, isCoordinator, isStaffOfUnit, requireRole, type Actor } from '../auth/actor.js';
import { AccountAccess } from '../auth/account-access.service.js';
import { LoginCodeEntity } from '../auth/login-code.entity.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { SuggestionSupportEntity } from '../awards/suggestion-support.entity.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../common/errors.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { Transactions } from '../database/transactions.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { NotificationEntity } from '../notifications/notification.entity.js';
import { RatingEntity } from '../replies/rating.entity.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../suggestions/timeline-event.entity.js';
import { trackingNumberOf } from '../suggestions/tracking-number.js';
import { noteAudience, readText } from './text-visibility.js';
import { INTAKE_ROLES, type StaffRole } from '../auth/roles.js';

/** Who reads the personal-data audit (reveals, exports, deletions). */
export const AUDIT_READERS: readonly StaffRole[] = ['AUDITOR', 'ADMIN'];
import { normalizePhone } from '../common/masking.js';
import { PersonalDataEventEntity, type PersonalDataAction } from './personal-data-event.entity.js';
import type { CounterItem } from './dto/privacy.dto.js';
import { msg } from '../common/i18n/message.js';
import { publicChange } from '../public-cache/public-changes.js';
import { takeResidentPhotos } from '../photos/photo-attach.js';
import { PhotoEntity } from '../photos/photo.entity.js';
import { PhotosService } from '../photos/photos.service.js';

/** Shown for a deleted account; the row stays (as an id) so statistics and supports keep counting. */
export const DELETED_ACCOUNT_NAME = '已注销用户';

/**
 * A resident's rights over their data (ARCHITECTURE §7): export it, delete the account
 * (their items stay, anonymised, so statistics hold), and every reveal of their contact
 * details to staff is recorded with who, why and when.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly pii: PiiCrypto,
    private readonly access: AccountAccess,
    private readonly photos: PhotosService,
  ) {}

  /** The resident's own data as one JSON document; the export itself is recorded. */
  async exportMyData(actor: Actor): Promise<{ generatedAt: Date; json: string }> {
    const residentId = this.residentIdOf(actor);
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const r = await this.activeResident(em, residentId);
      const suggestions = await em.find(SuggestionEntity, { where: { authorId: r.id }, order: { id: 'ASC' } });
      const ids = suggestions.map((s) => s.id);
      const byItem = <T extends { suggestionId: number }>(rows: T[]) => (id: number) => rows.filter((x) => x.suggestionId === id);
      const timeline = byItem(ids.length ? await em.createQueryBuilder(TimelineEventEntity, 't').where('t.suggestionId IN (:...ids)', { ids }).orderBy('t.id', 'ASC').getMany() : []);
      const replies = byItem(ids.length ? await em.createQueryBuilder(ReplyEntity, 'r').where('r.suggestionId IN (:...ids) AND r.status = :published', { ids, published: 'PUBLISHED' }).orderBy('r.id', 'ASC').getMany() : []);
      const ratings = await em.find(RatingEntity, { where: { residentId: r.id }, order: { id: 'ASC' } });
      const supports = await em.find(SuggestionSupportEntity, { where: { residentId: r.id }, order: { id: 'ASC' } });
      const notifications = await em.find(NotificationEntity, { where: { recipientKind: 'RESIDENT', recipientId: r.id }, order: { id: 'ASC' } });
      const accesses = await em.find(PersonalDataEventEntity, { where: { residentId: r.id }, order: { id: 'ASC' } });
      const photos = byItem(
        ids.length ? (await em.find(PhotoEntity, { where: { suggestionId: In(ids), replyId: IsNull() }, order: { position: 'ASC' } })).map((p) => ({ ...p, suggestionId: p.suggestionId! })) : [],
      );
      const document = {
        format: 'civicloop-personal-data/1',
        generatedAt: now.toISOString(),
        account: {
          id: r.id,
          displayName: r.displayName,
          phone: r.phoneCiphertext ? this.pii.decrypt(r.phoneCiphertext) : null,
          verifiedAt: r.verifiedAt?.toISOString() ?? null,
          createdAt: r.createdAt.toISOString(),
          notificationOptOuts: r.notificationOptOuts,
        },
        suggestions: suggestions.map((s) => ({
          trackingNumber: trackingNumberOf(s),
          campaignId: s.campaignId,
          title: s.title,
          body: s.body,
          category: s.category,
          location: s.location,
          consentToPublish: s.consentToPublish,
          anonymous: s.anonymous,
          status: s.status,
          submittedAt: s.submittedAt.toISOString(),
          closedAt: s.closedAt?.toISOString() ?? null,
          // Through the text policy as the author reads them: internal working notes stay out.
          history: timeline(s.id).map((e) => ({ at: e.at.toISOString(), action: e.action, toStatus: e.toStatus, note: readText('AUTHOR', noteAudience(e.action), e.note, s) })),
          // Signed links, valid for minutes: download them with the export.
          photos: photos(s.id).map((p) => ({ ...this.photos.links(p, 'SIGNED'), uploadedAt: p.createdAt.toISOString() })),
          replies: replies(s.id).map((x) => ({ body: readText('AUTHOR', 'ANSWER', x.body, { ...s, published: true }), adoption: x.adoption, publishedAt: x.publishedAt?.toISOString() ?? null })),
        })),
        ratings: ratings.map((x) => ({ suggestionId: x.suggestionId, level: x.level, comment: x.comment, createdAt: x.createdAt.toISOString() })),
        supports: supports.map((x) => ({ suggestionId: x.suggestionId, createdAt: x.createdAt.toISOString() })),
        notifications: notifications.map((n) => ({ kind: n.kind, template: n.template, params: n.params, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
        accessesToYourData: accesses.map((e) => ({ action: e.action, by: e.actorKind, reason: e.reason, at: e.at.toISOString() })),
      };
      await this.record(em, { action: 'EXPORT', actor, residentId: r.id, suggestionId: null, reason: 'data export by the resident', at: now });
      return { generatedAt: now, json: JSON.stringify(document) };
    });
  }

  /**
   * Deletes the account in one transaction: phone and name cleared, the account marked
   * deleted; the resident's suggestions and ratings lose their author (statistics keep them);
   * their inbox and pending sign-in codes go.
   */
  async deleteMyAccount(actor: Actor): Promise<{ deleted: boolean; anonymisedSuggestions: number }> {
    const residentId = this.residentIdOf(actor);
    const now = this.clock.now();
    let photoIds: string[] = [];
    const result = await this.tx.run(async (em) => {
      photoIds = [];
      const r = await this.activeResident(em, residentId);
      if (r.phoneHash) await em.delete(LoginCodeEntity, { phoneHash: r.phoneHash });
      const cleared = await em.update(
        ResidentEntity,
        { id: r.id, deletedAt: IsNull() },
        { phoneCiphertext: null, phoneHash: null, displayName: DELETED_ACCOUNT_NAME, verifiedAt: null, notificationOptOuts: [], deletedAt: now },
      );
      if (!cleared.affected) throw new UnauthenticatedError(msg('auth.accountGone'));
      // Their photos go entirely (a photo can show a home or a face): rows now, files after commit.
      const itemIds = (await em.find(SuggestionEntity, { select: { id: true }, where: { authorId: r.id } })).map((s) => s.id);
      photoIds = await takeResidentPhotos(em, r.id, itemIds);
      const items = await em.update(SuggestionEntity, { authorId: r.id }, { authorId: null, authorName: null });
      if (items.affected) publicChange(em, 'item.anonymised');
      await em.update(RatingEntity, { residentId: r.id }, { residentId: null });
      await em.delete(NotificationEntity, { recipientKind: 'RESIDENT', recipientId: r.id });
      await this.record(em, { action: 'DELETE_ACCOUNT', actor, residentId: r.id, suggestionId: null, reason: 'account deleted by the resident', at: now });
      return { deleted: true, anonymisedSuggestions: items.affected ?? 0 };
    });
    // Every instance refuses the resident's tokens from now on (AccountAccess).
    await this.access.changed('resident', residentId);
    await this.photos.removeFilesAfterCommit(photoIds);
    return result;
  }

  /**
   * The author's phone and name, for the office or a unit currently holding the item (a
   * follow-up call); the reveal is recorded in the same transaction before anything is shown.
   */
  async revealContact(actor: Actor, suggestionId: number, reason: string): Promise<{ suggestionId: number; phone: string; displayName: string; auditId: number; revealedAt: Date }> {
    if (actor.kind !== 'staff') throw new ForbiddenError(msg('privacy.staffOnly'));
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const s = await em.findOneBy(SuggestionEntity, { id: suggestionId });
      if (!s) throw new NotFoundError('Suggestion', suggestionId);
      const holding = await em.find(AssignmentEntity, { where: { suggestionId, endedAt: IsNull() } });
      const actingUnit = holding.find((a) => isStaffOfUnit(actor, a.unitId))?.unitId ?? null;
      if (!isCoordinator(actor) && actingUnit === null) {
        throw new ForbiddenError(msg('privacy.notHolder'));
      }
      const author = s.authorId === null ? null : await em.findOneBy(ResidentEntity, { id: s.authorId });
      if (!author || author.deletedAt || !author.phoneCiphertext) {
        throw new ConflictError(msg('privacy.authorDeleted'));
      }
      const auditId = await this.record(em, { action: 'REVEAL_CONTACT', actor, residentId: author.id, suggestionId, reason, at: now, unitId: actingUnit });
      return { suggestionId, phone: this.pii.decrypt(author.phoneCiphertext), displayName: author.displayName, auditId, revealedAt: now };
    });
  }

  /**
   * Counter staff (and the office) find a resident's items by the phone the resident gives at
   * the desk, to hand out replies. The lookup is recorded (who, why, when, whose items) in the
   * same transaction before anything is shown; texts come through the counter rule of the text
   * policy (masked, never internal notes). A phone without an account finds nothing and records
   * nothing: no personal data was reached.
   */
  async residentItemsByPhone(
    actor: Actor,
    args: { phone: string; reason: string; first: number; after?: string | null },
  ): Promise<ConnectionShape<CounterItem>> {
    if (actor.kind !== 'staff' || !hasRole(actor, ...INTAKE_ROLES)) throw new ForbiddenError(msg('intake.lookupStaffOnly'));
    const phone = normalizePhone(args.phone);
    if (!phone) throw new ValidationError(msg('format.phone'), 'phone');
    const phoneHash = this.pii.lookupHash(phone);
    const now = this.clock.now();
    const resident = await this.tx.run(async (em) => {
      const r = await em.findOneBy(ResidentEntity, { phoneHash });
      if (!r || r.deletedAt) return null;
      await this.record(em, { action: 'LOOKUP_BY_PHONE', actor, residentId: r.id, suggestionId: null, reason: args.reason, at: now, unitId: actor.unitId });
      return r;
    });
    if (!resident) return toConnection([], args.first, 0, () => [0, 0], (x: never) => x);
    {
      const em = this.dataSource.manager;
      const qb = em.createQueryBuilder(SuggestionEntity, 's').where('s.authorId = :author', { author: resident.id });
      const total = countLater(qb);
      applyKeyset(qb, 's.id', 's.id', 'DESC', args.after);
      const rows = await qb.take(args.first + 1).getMany();
      const ids = rows.map((s) => s.id);
      const replies = ids.length
        ? await em.createQueryBuilder(ReplyEntity, 'r').where('r.suggestionId IN (:...ids) AND r.status = :published', { ids, published: 'PUBLISHED' }).orderBy('r.id', 'ASC').getMany()
        : [];
      // The page's published replies, handed out with each item (one query for the page).
      return toConnection(rows, args.first, total, (s) => [s.id, s.id], (s): CounterItem => ({ suggestion: s, replies: replies.filter((r) => r.suggestionId === s.id) }));
    }
  }

  /** The personal-data audit, for its readers (AUDIT_READERS) only: it names residents and what was revealed of them. */
  async events(actor: Actor, args: { first: number; after?: string | null; residentId?: number | null; action?: PersonalDataAction | null }): Promise<ConnectionShape<PersonalDataEventEntity>> {
    requireRole(actor, AUDIT_READERS);
    const qb = this.dataSource.getRepository(PersonalDataEventEntity).createQueryBuilder('e');
    if (args.residentId) qb.andWhere('e.residentId = :residentId', { residentId: args.residentId });
    if (args.action) qb.andWhere('e.action = :action', { action: args.action });
    const total = countLater(qb);
    applyKeyset(qb, 'e.id', 'e.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (e) => [e.id, e.id], (e) => e);
  }

  private residentIdOf(actor: Actor): number {
    if (actor.kind !== 'resident') throw new ForbiddenError(msg('privacy.residentsOnly'));
    return actor.id;
  }

  private async activeResident(em: EntityManager, id: number): Promise<ResidentEntity> {
    const r = await em.findOneBy(ResidentEntity, { id });
    if (!r || r.deletedAt) throw new UnauthenticatedError(msg('auth.accountGone'));
    return r;
  }

  private async record(
    em: EntityManager,
    e: { action: PersonalDataAction; actor: Actor; residentId: number; suggestionId: number | null; reason: string | null; at: Date; unitId?: number | null },
  ): Promise<number> {
    const actor = e.actor as Exclude<Actor, { kind: 'anonymous' }>;
    const inserted = await em.insert(PersonalDataEventEntity, {
      action: e.action,
      actorKind: actor.kind === 'staff' ? 'STAFF' : 'RESIDENT',
      actorId: actor.id,
      actorUnitId: e.unitId ?? null,
      residentId: e.residentId,
      suggestionId: e.suggestionId,
      reason: e.reason,
      at: e.at,
    });
    return inserted.identifiers[0]!.id as number;
  }
}
