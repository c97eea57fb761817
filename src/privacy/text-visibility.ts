import { hasRole, isStaffOfUnit, type Actor } from '../auth/actor.js';
import { maskPersonalText } from '../common/masking.js';

// Who may read which free text, decided here and nowhere else. Every resolver, field resolver,
// export and search index renders free text through `readText` (or `publicText`).
//
// Two rules:
// 1. Only a resident reads their own words unmasked. Everything else anyone reads has phone,
//    landline and ID numbers, e-mail addresses and the author's name masked; the audited reveals
//    (revealContact, revealDisclosureContact) are the way to a contact.
// 2. Whether a text is shown at all depends on the reader's standing on the item and on whom
//    the text was written for (its audience).

/** How a reader stands to one item, strongest first (a caller with several takes the first). */
export const STANDINGS = ['AUTHOR', 'OFFICE', 'UNIT', 'OVERSIGHT', 'EVALUATOR', 'PUBLIC'] as const;
export type Standing = (typeof STANDINGS)[number];

/** Whom a text was written for. */
export const AUDIENCES = [
  /** The resident's own words that may be published: title, body, location. */
  'AUTHOR_TEXT',
  /** The resident's own words for the office and units only: a rating comment. */
  'AUTHOR_PRIVATE',
  /** A unit's reply (body, reason for not adopting): public once published with consent. */
  'ANSWER',
  /** The office's words to the author: reasons for rejecting or closing. */
  'TO_AUTHOR',
  /** Working notes between office and units: assign, transfer, return, progress, extension, review notes, a co-organiser's part. */
  'INTERNAL',
  /** Text the platform itself writes (an automatic close). */
  'PUBLIC_SAFE',
  /** Staff records outside the item workflow: the disclosure ledger, evaluator opinions. */
  'STAFF_RECORD',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export type Visibility = 'FULL' | 'MASKED' | 'HIDDEN';

/** What decides visibility besides standing and audience. */
export interface ItemFacts {
  /** The author consented to publication. */
  consentToPublish: boolean;
  /** The author's name, masked wherever it occurs in text others read. */
  authorName: string | null;
}

const STAFF_STANDINGS: readonly Standing[] = ['OFFICE', 'UNIT', 'OVERSIGHT'];

/**
 * Standing of an actor on an item. `unitIdsInvolved`: every unit that holds or held it (lead or
 * co-organiser). Auditors and admins oversee; evaluators read what consent makes public.
 */
export function standingOn(actor: Actor, item: { authorId: number | null }, unitIdsInvolved: readonly number[]): Standing {
  if (actor.kind === 'resident') return item.authorId !== null && actor.id === item.authorId ? 'AUTHOR' : 'PUBLIC';
  if (actor.kind !== 'staff') return 'PUBLIC';
  if (hasRole(actor, 'COORDINATOR')) return 'OFFICE';
  if (unitIdsInvolved.some((u) => isStaffOfUnit(actor, u))) return 'UNIT';
  if (hasRole(actor, 'AUDITOR', 'ADMIN')) return 'OVERSIGHT';
  if (hasRole(actor, 'EVALUATOR')) return 'EVALUATOR';
  return 'PUBLIC';
}

/** Standing on a staff record that belongs to no item (the disclosure ledger, evaluator opinions). */
export function standingOnRecord(actor: Actor): Standing {
  return standingOn(actor, { authorId: null }, actor.kind === 'staff' && actor.unitId !== null ? [actor.unitId] : []);
}

export function isStaffStanding(standing: Standing): boolean {
  return STAFF_STANDINGS.includes(standing);
}

/**
 * The table: who reads a text of an audience, and how. `published`: for ANSWER, the reply is
 * published (unpublished replies stay with staff).
 */
export function visibility(standing: Standing, audience: Audience, facts: { consentToPublish: boolean; published?: boolean }): Visibility {
  const staff = isStaffStanding(standing);
  const outsider = standing === 'EVALUATOR' || standing === 'PUBLIC';
  switch (audience) {
    case 'AUTHOR_TEXT':
      if (standing === 'AUTHOR') return 'FULL';
      if (staff) return 'MASKED';
      return facts.consentToPublish ? 'MASKED' : 'HIDDEN';
    case 'AUTHOR_PRIVATE':
      if (standing === 'AUTHOR') return 'FULL';
      return staff ? 'MASKED' : 'HIDDEN';
    case 'ANSWER':
      if (staff) return 'MASKED';
      if (!facts.published) return 'HIDDEN';
      if (standing === 'AUTHOR') return 'MASKED';
      return outsider && facts.consentToPublish ? 'MASKED' : 'HIDDEN';
    case 'TO_AUTHOR':
      return staff || standing === 'AUTHOR' ? 'MASKED' : 'HIDDEN';
    case 'INTERNAL':
      return staff ? 'MASKED' : 'HIDDEN';
    case 'PUBLIC_SAFE':
      return 'MASKED';
    case 'STAFF_RECORD':
      return staff || standing === 'EVALUATOR' ? 'MASKED' : 'HIDDEN';
  }
}

/** A text as this reader may read it: itself, masked, or null. */
export function readText(
  standing: Standing,
  audience: Audience,
  text: string | null,
  item: ItemFacts & { published?: boolean },
  extraNames: readonly (string | null | undefined)[] = [],
): string | null {
  if (text === null) return null;
  switch (visibility(standing, audience, item)) {
    case 'FULL':
      return text;
    case 'MASKED':
      return maskPersonalText(text, [item.authorName, ...extraNames]);
    case 'HIDDEN':
      return null;
  }
}

/** What the public page shows of an author's text; also what the public search indexes. */
export function publicText(text: string, item: Pick<ItemFacts, 'authorName'>): string {
  return maskPersonalText(text, [item.authorName]);
}

/** Text shown in place of a non-null field the reader may not read. */
export const WITHHELD = '（未公开）';

/** Audience of a timeline note, by the action that wrote it; an action not listed stays internal. */
const NOTE_AUDIENCES: Readonly<Record<string, Audience>> = {
  reject: 'TO_AUTHOR',
  close: 'TO_AUTHOR',
  rateSatisfied: 'AUTHOR_PRIVATE',
  rateUnsatisfied: 'AUTHOR_PRIVATE',
  autoClose: 'PUBLIC_SAFE',
};

export function noteAudience(action: string): Audience {
  return Object.hasOwn(NOTE_AUDIENCES, action) ? NOTE_AUDIENCES[action]! : 'INTERNAL';
}

/** Which replies a reader sees in an item's record: staff all of them, others the published ones. */
export function replyVisible(standing: Standing, replyStatus: string): boolean {
  return isStaffStanding(standing) || replyStatus === 'PUBLISHED';
}

/** Ratings (level and comment) belong to the author and the staff handling the item. */
export function ratingsVisible(standing: Standing): boolean {
  return standing === 'AUTHOR' || isStaffStanding(standing);
}

/**
 * Who recorded an item for its author (代录), and whether the consent was given in person:
 * working facts for the staff handling it, never for the public, evaluators or the author.
 */
export function recorderVisible(standing: Standing): boolean {
  return isStaffStanding(standing);
}

/**
 * What counter staff read when handing a resident their items after the audited phone lookup
 * (`residentItemsByPhone`): the standing of someone acting for the author at the desk. Masked
 * words, the office's words to the author and published answers; never internal notes, rating
 * comments or staff records.
 */
export function counterText(audience: Audience, text: string | null, item: ItemFacts & { published?: boolean }): string | null {
  if (text === null) return null;
  const shown = audience === 'AUTHOR_TEXT' || audience === 'TO_AUTHOR' || audience === 'PUBLIC_SAFE' || (audience === 'ANSWER' && item.published === true);
  return shown ? maskPersonalText(text, [item.authorName]) : null;
}

/** Evaluators mark only replies whose item the public may read (the author consented). */
export function evaluatorMayReadItem(item: { consentToPublish: boolean }): boolean {
  return item.consentToPublish;
}

/** How a reader gets an item's photos: an open URL, a short-lived signed one, or none. */
export type PhotoAccess = 'PUBLIC' | 'SIGNED' | 'NONE';

/**
 * Photos follow their item's text. Anyone sees them once the item is published with consent
 * (a reply's photos: once that reply is published too); until then only the author (a reply's
 * photos once the author may read the reply) and staff with standing, through signed URLs.
 * Evaluators and strangers see none of an unpublished item. `published`: the item is in the
 * public feed (consent given and a reply published).
 */
export function photoAccess(
  standing: Standing,
  facts: { consentToPublish: boolean; published: boolean },
  reply?: { published: boolean },
): PhotoAccess {
  const replyPublished = reply ? reply.published : true;
  if (facts.published && facts.consentToPublish && replyPublished) return 'PUBLIC';
  if (isStaffStanding(standing)) return 'SIGNED';
  if (standing === 'AUTHOR' && replyPublished) return 'SIGNED';
  return 'NONE';
}

/** Whether an open (unsigned) photo URL may be served now: the same rule for a reader with no standing. */
export function photoIsPublic(facts: { consentToPublish: boolean; published: boolean }, reply?: { published: boolean }): boolean {
  return photoAccess('PUBLIC', facts, reply) === 'PUBLIC';
}
