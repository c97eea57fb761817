import type { Adoption } from '../../src/replies/reply.entity.js';
import type { RatingLevel } from '../../src/replies/rating.entity.js';
import type { SuggestionStatus } from '../../src/suggestions/suggestion-workflow.js';
import { DAY, HOUR, type World } from './world.js';
import { Rng, seedOf } from './random.js';
import { NOT_ADOPTED_REASONS, REJECT_REASONS, personName, replyText, suggestionText } from './text.js';

// One suggestion's whole history, drawn from a generator seeded by its id, following the
// workflow table (docs ARCHITECTURE §3): submit → assign → sign → reply (→ review) → rate or
// auto-close, with reopen after an unsatisfied rating. What has not happened by `now` is cut off.

export interface TimelineRow {
  actorKind: 'RESIDENT' | 'STAFF' | 'SYSTEM';
  actorId: number | null;
  unitId: number | null;
  action: string;
  fromStatus: SuggestionStatus | null;
  toStatus: SuggestionStatus;
  note: string | null;
  at: number;
}

export interface AssignmentRow {
  unitId: number;
  role: 'LEAD' | 'CO';
  assignedById: number;
  assignedAt: number;
  signDueAt: number;
  signedAt: number | null;
  signedById: number | null;
  contribution: string | null;
  contributedAt: number | null;
}

export interface ReplyRow {
  unitId: number;
  authorId: number;
  body: string;
  adoption: Adoption;
  notAdoptedReason: string | null;
  status: 'PENDING_REVIEW' | 'PUBLISHED';
  submittedAt: number;
  dueAt: number;
  onTime: boolean;
  reviewedById: number | null;
  reviewedAt: number | null;
  publishedAt: number | null;
}

export interface Life {
  id: number;
  campaignId: number;
  authorId: number;
  authorName: string;
  title: string;
  body: string;
  category: string;
  location: string | null;
  consentToPublish: boolean;
  anonymous: boolean;
  status: SuggestionStatus;
  idempotencyKey: string;
  contentHash: string;
  reopenCount: number;
  leadUnitId: number | null;
  signDueAt: number | null;
  replyDueAt: number | null;
  ratingDueAt: number | null;
  mergedIntoId: number | null;
  adoption: Adoption | null;
  published: boolean;
  closeReason: string | null;
  closedAt: number | null;
  submittedAt: number;
  updatedAt: number;
  events: TimelineRow[];
  assignments: AssignmentRow[];
  replies: ReplyRow[];
  /** Index into `replies` of the rated reply. */
  ratings: { reply: number; level: RatingLevel; createdAt: number }[];
  reviews: { reply: number; evaluatorId: number; timeliness: number; substance: number; attitude: number; createdAt: number }[];
  supports: { residentId: number; createdAt: number }[];
}

const ADOPTION_WEIGHTS: [Adoption, number][] = [
  ['ADOPTED', 0.25],
  ['PARTIALLY_ADOPTED', 0.45],
  ['ALREADY_DONE', 0.6],
  ['FOR_REFERENCE', 0.85],
  ['NOT_ADOPTED', 1],
];
const MAX_REOPENS = 1;
const RATING_WINDOW = 7 * DAY;

function adoptionOf(rng: Rng): Adoption {
  const x = rng.next();
  return ADOPTION_WEIGHTS.find(([, p]) => x < p)![0];
}

function ratingOf(rng: Rng): RatingLevel {
  const x = rng.next();
  return x < 0.72 ? 'SATISFIED' : x < 0.92 ? 'BASICALLY_SATISFIED' : 'UNSATISFIED';
}

const residentNames = new Map<number, string>();
/** A resident's display name, the same in the residents table and on their suggestions. */
export function residentName(id: number): string {
  let name = residentNames.get(id);
  if (!name) {
    name = personName(new Rng(seedOf(id, 0x5eed)));
    residentNames.set(id, name);
  }
  return name;
}

const ms = (t: number) => Math.round(t);

export function lifeOf(world: World, id: number): Life {
  const rng = new Rng(seedOf(id, 0x11fe));
  const { now } = world;
  const spread = world.start + ((id - 0.5) / world.size.suggestions) * (world.end - world.start) + (rng.next() - 0.5) * HOUR;
  const submittedAt = ms(Math.min(world.end, Math.max(world.start, spread)));
  const campaign = world.campaignAt(submittedAt);
  const category = rng.pick(campaign.categories);
  const text = suggestionText(rng, category);
  // A few residents write a lot, most write once or twice.
  const authorId = 1 + Math.floor(world.size.residents * rng.next() ** 1.2);
  const life: Life = {
    id,
    campaignId: campaign.id,
    authorId,
    authorName: residentName(authorId),
    ...text,
    category,
    consentToPublish: rng.chance(0.75),
    anonymous: rng.chance(0.12),
    status: 'SUBMITTED',
    // The first group is a bijection of the id: keys never collide, as the unique index requires.
    idempotencyKey: `${seedOf(id, 0x1d3).toString(16).padStart(8, '0')}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`,
    contentHash: rng.hex(64),
    reopenCount: 0,
    leadUnitId: null,
    signDueAt: null,
    replyDueAt: null,
    ratingDueAt: null,
    mergedIntoId: null,
    adoption: null,
    published: false,
    closeReason: null,
    closedAt: null,
    submittedAt,
    updatedAt: submittedAt,
    events: [],
    assignments: [],
    replies: [],
    ratings: [],
    reviews: [],
    supports: [],
  };
  const event = (at: number, actorKind: TimelineRow['actorKind'], actorId: number | null, action: string, to: SuggestionStatus, unitId: number | null = null, note: string | null = null) => {
    life.events.push({ actorKind, actorId, unitId, action, fromStatus: life.events.length ? life.status : null, toStatus: to, note, at });
    life.status = to;
    life.updatedAt = at;
  };
  event(submittedAt, 'RESIDENT', authorId, 'submit', 'SUBMITTED');

  const coordinator = world.coordinatorIds[id % world.coordinatorIds.length]!;
  const fate = rng.next();
  if (fate < 0.06) {
    const at = ms(submittedAt + rng.logNormalHours(16, 0.7) * HOUR);
    if (at > now) return life;
    if (fate < 0.02) event(at, 'RESIDENT', authorId, 'withdraw', 'WITHDRAWN');
    else if (fate < 0.05 || id < 1000) {
      const reason = rng.pick(REJECT_REASONS);
      life.closeReason = reason;
      event(at, 'STAFF', coordinator, 'reject', 'REJECTED', null, reason);
    } else {
      life.mergedIntoId = id - rng.int(1, 500);
      event(at, 'STAFF', coordinator, 'merge', 'MERGED', null, `与 ${life.mergedIntoId} 号建言合并办理`);
    }
    return life;
  }

  const assignedAt = ms(submittedAt + rng.logNormalHours(18, 0.6) * HOUR);
  if (assignedAt > now) return life;
  const lead = world.leadUnitIds[rng.weighted(world.leadUnitWeights)]!;
  life.leadUnitId = lead;
  life.signDueAt = world.deadlineAfter(assignedAt, 1);
  life.replyDueAt = world.deadlineAfter(assignedAt, 10);
  const leadAssignment: AssignmentRow = { unitId: lead, role: 'LEAD', assignedById: coordinator, assignedAt, signDueAt: life.signDueAt, signedAt: null, signedById: null, contribution: null, contributedAt: null };
  life.assignments.push(leadAssignment);
  let co: AssignmentRow | null = null;
  if (rng.chance(0.15)) {
    let unit = world.leadUnitIds[rng.weighted(world.leadUnitWeights)]!;
    if (unit === lead) unit = world.leadUnitIds[(world.leadUnitIds.indexOf(lead) + 1) % world.leadUnitIds.length]!;
    co = { ...leadAssignment, unitId: unit, role: 'CO' };
    life.assignments.push(co);
  }
  event(assignedAt, 'STAFF', coordinator, 'assign', 'ASSIGNED');

  const handler = world.handlerOfUnit.get(lead)!;
  const signedAt = ms(assignedAt + (rng.chance(0.9) ? rng.logNormalHours(5, 0.8) : rng.logNormalHours(40, 0.5)) * HOUR);
  if (signedAt > now) return life;
  leadAssignment.signedAt = signedAt;
  leadAssignment.signedById = handler;
  event(signedAt, 'STAFF', handler, 'sign', 'IN_PROGRESS', lead);
  if (co) {
    const coSigned = ms(assignedAt + rng.logNormalHours(8, 0.8) * HOUR);
    if (coSigned <= now) {
      co.signedAt = coSigned;
      co.signedById = world.handlerOfUnit.get(co.unitId)!;
    }
  }
  // A few items stall and stay overdue (督办 material for the scoring).
  if (rng.chance(0.004)) return life;

  let workFrom = signedAt;
  for (let round = 0; ; round++) {
    const replyAt = ms(Math.max(workFrom + HOUR, (round === 0 ? assignedAt : workFrom) + rng.logNormalHours(round === 0 ? 140 : 70, 0.5) * HOUR));
    if (replyAt > now) return life;
    if (co && round === 0 && co.signedAt !== null && co.signedAt < replyAt - HOUR) {
      co.contribution = '我单位已配合开展现场核查，相关意见已提供主办单位。';
      co.contributedAt = replyAt - HOUR;
    }
    const adoption = adoptionOf(rng);
    const reply: ReplyRow = {
      unitId: lead,
      authorId: handler,
      body: replyText(rng),
      adoption,
      notAdoptedReason: adoption === 'NOT_ADOPTED' ? rng.pick(NOT_ADOPTED_REASONS) : null,
      status: 'PUBLISHED',
      submittedAt: replyAt,
      dueAt: life.replyDueAt!,
      onTime: replyAt <= life.replyDueAt!,
      reviewedById: null,
      reviewedAt: null,
      publishedAt: replyAt,
    };
    const replyIndex = life.replies.push(reply) - 1;
    let publishedAt = replyAt;
    if (campaign.requireReplyReview) {
      event(replyAt, 'STAFF', handler, 'reply', 'REPLY_REVIEW', lead);
      publishedAt = ms(replyAt + rng.logNormalHours(20, 0.6) * HOUR);
      if (publishedAt > now) {
        reply.status = 'PENDING_REVIEW';
        reply.publishedAt = null;
        return life;
      }
      reply.reviewedById = coordinator;
      reply.reviewedAt = publishedAt;
      reply.publishedAt = publishedAt;
      event(publishedAt, 'STAFF', coordinator, 'approveReply', 'REPLIED');
    } else {
      event(replyAt, 'STAFF', handler, 'reply', 'REPLIED', lead);
    }
    life.adoption = adoption;
    life.published = life.consentToPublish;
    life.ratingDueAt = publishedAt + RATING_WINDOW;

    if (rng.chance(0.06)) {
      const reviewers = rng.int(1, 3);
      const first = rng.int(0, world.evaluatorIds.length - 1);
      for (let r = 0; r < reviewers; r++) {
        const createdAt = ms(publishedAt + rng.logNormalHours(60, 0.7) * HOUR);
        if (createdAt > now) continue;
        const mark = () => rng.weighted([1, 3, 10, 30, 50]) + 1;
        life.reviews.push({ reply: replyIndex, evaluatorId: world.evaluatorIds[(first + r) % world.evaluatorIds.length]!, timeliness: mark(), substance: mark(), attitude: mark(), createdAt });
      }
    }
    if (round === 0 && life.published && rng.chance(0.12)) {
      const count = rng.int(1, 8);
      const seen = new Set<number>();
      for (let k = 0; k < count; k++) {
        const residentId = rng.int(1, world.size.residents);
        const createdAt = ms(publishedAt + rng.logNormalHours(30, 1) * HOUR);
        if (seen.has(residentId) || createdAt > now) continue;
        seen.add(residentId);
        life.supports.push({ residentId, createdAt });
      }
    }

    if (!rng.chance(0.75)) {
      // Not rated: the system closes it when the window lapses.
      if (life.ratingDueAt > now) return life;
      life.closedAt = life.ratingDueAt + 5 * 60_000;
      event(life.closedAt, 'SYSTEM', null, 'autoClose', 'CLOSED');
      return life;
    }
    const ratedAt = ms(Math.min(life.ratingDueAt - 60_000, publishedAt + rng.logNormalHours(30, 0.9) * HOUR));
    if (ratedAt > now) return life;
    const level = ratingOf(rng);
    life.ratings.push({ reply: replyIndex, level, createdAt: ratedAt });
    if (level !== 'UNSATISFIED') {
      life.closedAt = ratedAt;
      event(ratedAt, 'RESIDENT', authorId, 'rateSatisfied', 'CLOSED');
      return life;
    }
    if (life.reopenCount >= MAX_REOPENS) {
      life.closedAt = ratedAt;
      life.closeReason = '居民不满意，重办次数已用完';
      event(ratedAt, 'RESIDENT', authorId, 'rateUnsatisfied', 'CLOSED');
      return life;
    }
    // Reopened (重办): a shorter deadline, then another reply.
    life.reopenCount++;
    life.replyDueAt = world.deadlineAfter(ratedAt, 5);
    life.ratingDueAt = null;
    event(ratedAt, 'RESIDENT', authorId, 'rateUnsatisfied', 'IN_PROGRESS');
    workFrom = ratedAt;
  }
}
