import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, IsNull, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../auth/actor.js';
import { INTAKE_ROLES } from '../auth/roles.js';
import { normalizePhone } from '../common/masking.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { startOfShanghaiDay } from '../calendar/shanghai-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '../common/errors.js';
import { RateLimits, type RateLimitName } from '../common/rate-limit/rate-limits.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { isUniqueViolation } from '../database/db-errors.js';
import { insertRow } from '../database/insert-row.js';
import { lockRowById } from '../database/row-locks.js';
import { Transactions } from '../database/transactions.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { outboxEntry } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { IntakeCampaigns } from '../campaigns/intake-campaigns.js';
import { assertAcceptsSubmissions } from '../campaigns/campaign-rules.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { SuggestionEntity, newSuggestionRow } from './suggestion.entity.js';
import { TimelineEventEntity } from './timeline-event.entity.js';
import type { SuggestionStatus } from './suggestion-workflow.js';
import { appendTimeline } from './timeline.js';
import { formatLegacyTrackingNumber, parseTrackingNumber } from './tracking-number.js';
import type { RecordSuggestionInput, SubmitSuggestionInput } from './dto/suggestion.inputs.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { standingOn, type Standing } from '../privacy/text-visibility.js';
import { indexSuggestionText } from '../search/search-index.js';
import { msg, type Message } from '../common/i18n/message.js';
import { attachPhotos } from '../photos/photo-attach.js';

@Injectable()
export class SuggestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly rateLimits: RateLimits,
    private readonly pii: PiiCrypto,
    private readonly campaigns: IntakeCampaigns,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Intake. Same idempotency key and content → the same suggestion; same key, other
   * content → CONFLICT. The row, its first timeline event and the resident's notice are
   * written in one transaction. A replay is not counted against the rate limits.
   */
  async submit(actor: Actor, input: SubmitSuggestionInput, ip: string): Promise<{ suggestion: SuggestionEntity; replayed: boolean }> {
    if (actor.kind !== 'resident') throw new ForbiddenError(msg('suggestion.residentsOnly'));
    const contentHash = hashContent(input);
    const spent: [RateLimitName, string][] = [];
    const spend = async (name: RateLimitName, key: string, message: Message) => {
      await this.rateLimits.consume(name, key, message);
      spent.push([name, key]);
    };
    return this.orEarlier(
      actor.id,
      input.idempotencyKey,
      contentHash,
      async () => {
        await spend('submitPerIp', ip, msg('suggestion.tooManyFromAddress'));
        await spend('submitPerResident', String(actor.id), msg('suggestion.tooMany'));
        return this.tx.run(async (em) => {
          // The author's row is locked first: concurrent submissions by one resident queue here,
          // so each counts the ones before it and the daily cap is exact.
          const author = await lockRowById(em, ResidentEntity, actor.id);
          if (!author || author.deletedAt) throw new UnauthenticatedError(msg('auth.accountGone'));
          return this.intake(em, actor, author, input, contentHash, { channel: 'ONLINE', recordedById: null, consentInPerson: false });
        });
      },
      () => this.rateLimits.giveBack(spent),
    );
  }

  /**
   * Counter and hotline intake (代录): office or counter staff record a suggestion for a resident
   * who called, wrote or came in. The resident is found by the keyed hash of their phone, or
   * created unverified (they get the notices by SMS and see the item in `/me` once they sign in
   * with that phone). Same rules, same initial row and same idempotency as `submit`; the
   * consent is recorded as given in person, and the recorder is kept but never shown publicly.
   */
  async record(actor: Actor, input: RecordSuggestionInput): Promise<{ suggestion: SuggestionEntity; replayed: boolean }> {
    if (actor.kind !== 'staff' || !hasRole(actor, ...INTAKE_ROLES)) throw new ForbiddenError(msg('intake.recordersOnly'));
    const phone = normalizePhone(input.phone);
    if (!phone) throw new ValidationError(msg('format.phone'), 'phone');
    const phoneHash = this.pii.lookupHash(phone);
    const contentHash = hashContent(input, [input.channel, actor.id]);
    const known = await this.dataSource.getRepository(ResidentEntity).findOneBy({ phoneHash });
    const extras = { channel: input.channel, recordedById: actor.id, consentInPerson: true } as const;
    const attempt = () =>
      this.tx.run(async (em) => {
        const author = await this.residentForPhone(em, phone, phoneHash, input.residentName);
        const locked = await lockRowById(em, ResidentEntity, author.id);
        return this.intake(em, actor, locked!, input, contentHash, extras);
      });
    try {
      return await this.orEarlier(known?.id ?? null, input.idempotencyKey, contentHash, attempt);
    } catch (err) {
      // Two desks created the same new resident at once: the loser finds the winner's row now.
      if (!known && isUniqueViolation(err)) {
        const created = await this.dataSource.getRepository(ResidentEntity).findOneBy({ phoneHash });
        if (created) return this.orEarlier(created.id, input.idempotencyKey, contentHash, attempt);
      }
      throw err;
    }
  }

  /** The resident with this phone, or a new unverified one (as sign-in would create). */
  private async residentForPhone(em: EntityManager, phone: string, phoneHash: string, name: string | null | undefined): Promise<ResidentEntity> {
    const existing = await em.findOneBy(ResidentEntity, { phoneHash });
    if (existing) return existing;
    const now = this.clock.now();
    const row = {
      phoneCiphertext: this.pii.encrypt(phone),
      phoneHash,
      displayName: name?.trim() || `居民${phone.slice(-4)}`,
      verifiedAt: null,
      notificationOptOuts: [],
      deletedAt: null,
      createdAt: now,
    };
    const inserted = await em.insert(ResidentEntity, row);
    return { ...row, id: inserted.identifiers[0]!.id as number } as ResidentEntity;
  }

  /**
   * The idempotency rule, for every way in: the author's earlier suggestion under this key answers
   * (the same content: a replay; other content: CONFLICT), whatever a fresh attempt would meet.
   * Nothing is read before the attempt, which is what almost every request is: a retry meets the
   * unique key (author, idempotency key) at its insert (a concurrent twin too, once the winner
   * commits), or a refusal the first one did not (the daily cap it filled, a campaign closed since),
   * and only then is the earlier row read. `onEarlier` runs before that answer.
   */
  private async orEarlier(
    authorId: number | null,
    key: string,
    contentHash: string,
    run: () => Promise<SuggestionEntity>,
    onEarlier?: () => Promise<void>,
  ): Promise<{ suggestion: SuggestionEntity; replayed: boolean }> {
    try {
      return { suggestion: await run(), replayed: false };
    } catch (err) {
      if (authorId === null) throw err;
      // A failed read (the database gone) leaves the attempt's own error to answer.
      const earlier = await this.dataSource
        .getRepository(SuggestionEntity)
        .findOneBy({ authorId, idempotencyKey: key })
        .catch(() => null);
      if (!earlier) throw err;
      await onEarlier?.();
      if (earlier.contentHash !== contentHash) throw new ConflictError(msg('suggestion.idempotencyReused'), { field: 'idempotencyKey' });
      return { suggestion: earlier, replayed: true };
    }
  }

  /**
   * The intake rules, for every way in: the campaign takes submissions in that category, the
   * resident's daily cap; then the one initial row, its search text, first timeline event and
   * the resident's notice. The author's row is locked by the caller.
   */
  private async intake(
    em: EntityManager,
    actor: Actor,
    author: ResidentEntity,
    input: SubmitSuggestionInput,
    contentHash: string,
    extras: Pick<SuggestionEntity, 'channel' | 'recordedById' | 'consentInPerson'>,
  ): Promise<SuggestionEntity> {
    const now = this.clock.now();
    // Through a short cache of open campaigns (intake-campaigns.ts): one statement fewer per submission.
    const campaign = await this.campaigns.get(em, input.campaignId);
    if (!campaign || campaign.status === 'DRAFT') throw new NotFoundError('Campaign', input.campaignId);
    assertAcceptsSubmissions(campaign, now);
    if (!campaign.categories.includes(input.category)) {
      throw new ValidationError(msg('suggestion.categoryOneOf', { categories: campaign.categories }), 'category');
    }
    const today = await em.countBy(SuggestionEntity, { authorId: author.id, submittedAt: MoreThanOrEqual(startOfShanghaiDay(now)) });
    if (today >= this.config.submissionsPerDay) {
      throw new RateLimitedError(msg('suggestion.dailyLimit', { max: this.config.submissionsPerDay }));
    }
    const row = newSuggestionRow(
      {
        campaignId: campaign.id,
        authorId: author.id,
        title: input.title.trim(),
        body: input.body.trim(),
        category: input.category,
        location: input.location?.trim() || null,
        consentToPublish: input.consentToPublish,
        anonymous: input.anonymous ?? false,
        authorName: author.displayName,
        idempotencyKey: input.idempotencyKey,
        contentHash,
        ...extras,
      },
      now,
    );
    // One statement, nothing read back: every column is in `row`, and the id comes with the answer.
    // A retry (same author and key) stops here at the unique key, before anything else is written.
    const id = await insertRow(em, SuggestionEntity, row);
    // In this transaction: a refused photo leaves no item, and a replay (same key) never gets here.
    await attachPhotos(em, actor, { suggestionId: id }, input.photoIds, now);
    await indexSuggestionText(em, id, row.title, row.body, row.authorName);
    // A recorded item's first step names no unit: the public history never says who recorded it.
    const [eventId] = await appendTimeline(em, [
      { suggestionId: id, actor, unitId: null, action: extras.channel === 'ONLINE' ? 'submit' : 'record', fromStatus: null, toStatus: 'SUBMITTED', at: now },
    ]);
    await writeOutbox(em, now, [
      outboxEntry('notice.resident', { suggestionId: id, stage: 'RECEIVED', timelineEventId: eventId! }, `notice:${eventId}:${id}`),
    ]);
    return { ...row, id } as SuggestionEntity;
  }

  async mine(actor: Actor, args: { first: number; after?: string | null; status?: SuggestionStatus }): Promise<ConnectionShape<SuggestionEntity>> {
    if (actor.kind !== 'resident') throw new ForbiddenError(msg('suggestion.ownOnly'));
    const qb = this.dataSource.getRepository(SuggestionEntity).createQueryBuilder('s').where('s.authorId = :author', { author: actor.id });
    if (args.status) qb.andWhere('s.status = :status', { status: args.status });
    const total = countLater(qb);
    applyKeyset(qb, 's.id', 's.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (s) => [s.id, s.id], (s) => s);
  }

  /**
   * Tracking by ledger number, for anyone who holds one. What it shows follows the caller's
   * standing on the item (the text policy): anonymous callers get status, stages with dates and
   * public-safe text. A legacy (id-derived) number finds only an item that has no random one.
   */
  async track(actor: Actor, trackingNumber: string): Promise<TrackedSuggestion | null> {
    const parsed = parseTrackingNumber(trackingNumber);
    if (!parsed) throw new ValidationError(msg('format.trackingNumber'), 'trackingNumber');
    const repo = this.dataSource.getRepository(SuggestionEntity);
    const s = parsed.kind === 'random' ? await repo.findOneBy({ trackingNumber: parsed.value }) : await repo.findOneBy({ id: parsed.id, trackingNumber: IsNull() });
    if (!s || (parsed.kind === 'legacy' && formatLegacyTrackingNumber(s.id, s.submittedAt) !== `JY${parsed.year}${String(parsed.id).padStart(7, '0')}`)) return null;
    const units = (await this.dataSource.getRepository(AssignmentEntity).find({ select: { unitId: true }, where: { suggestionId: s.id } })).map((a) => a.unitId);
    const events = await this.dataSource.getRepository(TimelineEventEntity).find({ where: { suggestionId: s.id }, order: { id: 'ASC' } });
    return { suggestion: s, standing: standingOn(actor, s, units), events };
  }
}

/** An item found by its tracking number, with the caller's standing on it and its history (toSuggestionTrackingObject shows it). */
export interface TrackedSuggestion {
  suggestion: SuggestionEntity;
  standing: Standing;
  events: TimelineEventEntity[];
}

function hashContent(input: SubmitSuggestionInput, extra: readonly unknown[] = []): string {
  const canonical = JSON.stringify([
    ...extra,
    input.campaignId,
    input.title.trim(),
    input.body.trim(),
    input.category,
    input.location?.trim() || null,
    input.consentToPublish,
    input.anonymous ?? false,
    // Only when given, so the keys of submissions without photos hash as before.
    ...(input.photoIds?.length ? [[...new Set(input.photoIds)]] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
