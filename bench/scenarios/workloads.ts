import { randomBytes } from 'node:crypto';
import type { World } from '../data/world.js';
import { Rng } from '../data/random.js';
import { suggestionText, type SuggestionText } from '../data/text.js';
import { RoundRobin, type Callers } from '../lib/actors.js';

/** One HTTP request of a load run. The raw baseline gets the very same body on its own path. */
export interface HttpRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Workload {
  name: 'submit' | 'feed' | 'inbox' | 'hello';
  /** Next request for the api (`/graphql`) and for the raw baseline (`/raw/<name>`). */
  next(side: 'api' | 'raw'): HttpRequest;
  /** A 200 whose body is not this is counted as an error. */
  ok(side: 'api' | 'raw', body: string): boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export const SUBMIT_DOCUMENT = `mutation Submit($input: SubmitSuggestionInput!) {
  submitSuggestion(input: $input) { replayed suggestion { id trackingNumber status submittedAt } }
}`;

/**
 * `submitSuggestion` as a signed-in resident: every request is a new suggestion (fresh
 * idempotency key) from the next resident in turn, through that resident's own address.
 */
export function submitWorkload(world: World, callers: Callers): Workload {
  const rng = new Rng(4242);
  const texts: (SuggestionText & { category: string })[] = Array.from({ length: 512 }, () => {
    const category = rng.pick(world.openCampaign.categories);
    return { ...suggestionText(rng, category), category };
  });
  const residents = new RoundRobin(callers.residents);
  const run = randomBytes(4).toString('hex');
  let n = 0;
  return {
    name: 'submit',
    next(side) {
      const resident = residents.take();
      const text = texts[n % texts.length]!;
      const input = {
        campaignId: world.openCampaign.id,
        title: text.title,
        body: text.body,
        category: text.category,
        ...(text.location ? { location: text.location } : {}),
        consentToPublish: n % 4 !== 0,
        idempotencyKey: `bench-${run}-${++n}`,
      };
      return {
        path: side === 'api' ? '/graphql' : '/raw/submit',
        headers: { ...JSON_HEADERS, authorization: `Bearer ${resident.token}`, 'x-forwarded-for': resident.address },
        body: JSON.stringify({ query: SUBMIT_DOCUMENT, variables: { input } }),
      };
    },
    ok: (_side, body) => body.includes('"replayed":false') && !body.includes('"errors"'),
  };
}

export const INBOX_DOCUMENT = `query Inbox($first: Int!) {
  unitInbox(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id trackingNumber title category status authorDisplay signDueAt replyDueAt reopenCount submittedAt version campaign { id label } } }
  }
}`;

/** Each side's own turn through the handlers: the api and raw then serve the same units in the same order. */
export type HandlerRotation = Record<'api' | 'raw', RoundRobin<Callers['handlers'][number]>>;

export function handlerRotation(callers: Callers): HandlerRotation {
  return { api: new RoundRobin(callers.handlers), raw: new RoundRobin(callers.handlers) };
}

/**
 * `unitInbox` for the next unit's handler in turn, first N (20 in the runs). Each side takes its
 * own turn (a unit with an empty inbox issues fewer statements, so the SQL check must compare the
 * same units). Workloads compared with each other share `handlers`: the api caches an account for
 * a few seconds, and a second workload starting again at the first handler would find it cached
 * and issue one statement fewer per request.
 */
export function inboxWorkload(callers: Callers, first = 20, handlers: HandlerRotation = handlerRotation(callers)): Workload {
  const body = JSON.stringify({ query: INBOX_DOCUMENT, variables: { first } });
  return {
    name: 'inbox',
    next(side) {
      const handler = handlers[side].take();
      return { path: side === 'api' ? '/graphql' : '/raw/inbox', headers: { ...JSON_HEADERS, authorization: `Bearer ${handler.token}` }, body };
    },
    ok: (_side, text) => text.startsWith('{"data":{"unitInbox":{"totalCount":') && !text.includes('"errors"'),
  };
}

// A public feed scrolls by cursor and never shows a total, so it does not ask for one (the
// COUNT over every published item is the most expensive statement at a million rows).
export const FEED_DOCUMENT = `query Feed($first: Int!) {
  publicSuggestions(first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id trackingNumber title body category status authorDisplay adoption submittedAt closedAt leadUnit { id name } reply { body adoption onTime publishedAt } } }
  }
}`;

/** `publicSuggestions` first N with the lead unit and the published reply, anonymous. */
export function feedWorkload(first = 20): Workload {
  const body = JSON.stringify({ query: FEED_DOCUMENT, variables: { first } });
  return {
    name: 'feed',
    next: (side) => ({ path: side === 'api' ? '/graphql' : '/raw/feed', headers: { ...JSON_HEADERS }, body }),
    ok: (_side, text) => text.startsWith('{"data":{"publicSuggestions":{"pageInfo":') && !text.includes('"errors"'),
  };
}

/**
 * The machine's ceiling: a plain Fastify route on the raw server (no database, no auth), under
 * the same load generator and connections in the same run. Raw side only.
 */
export function helloWorkload(): Workload {
  return {
    name: 'hello',
    next: () => ({ path: '/hello', headers: { ...JSON_HEADERS }, body: '{}' }),
    ok: (_side, text) => text === '{"hello":"world"}',
  };
}
