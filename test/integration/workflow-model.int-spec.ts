import fc from 'fast-check';
import { DomainError, type ErrorCode } from '../../src/common/errors.js';
import type { Actor } from '../../src/auth/actor.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { shanghaiDate } from '../../src/calendar/shanghai-time.js';
import { workflowOf } from '../helpers/workflow.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../../src/suggestions/timeline-event.entity.js';
import { SUGGESTION_LIFECYCLE, allowedActions, decideTransition, replayStatus, type Party, type SuggestionAction, type SuggestionStatus } from '../../src/suggestions/suggestion-workflow.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { StaffUserEntity } from '../../src/staff/staff-user.entity.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

// Model-based test of the closed loop. The test keeps its own model of the item (status, lead
// unit, reopens, latest reply, a pending extension) and works out each actor's standing from that
// model, not from the service. The transition table (suggestion-workflow.ts, the one place that
// decides transitions) is the oracle: for every generated step it says whether the command must
// succeed, and to which status, or must be refused, and with which code. The service has to agree
// exactly — a legal step wrongly refused fails the test as surely as an illegal one allowed.

// 'lead' is a handler of the unit holding the item (of unit A while no unit does), 'otherUnit' one
// of the other unit: random actors still reach the unit's steps often enough to get past them.
type Who = 'coordinator' | 'lead' | 'otherUnit' | 'author' | 'stranger';
const WHO: Who[] = ['coordinator', 'lead', 'otherUnit', 'author', 'stranger'];
const command = fc.oneof(
  fc.record({ kind: fc.constant('assign' as const), who: fc.constantFrom(...WHO), toB: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('sign' as const, 'withdraw' as const), who: fc.constantFrom(...WHO) }),
  // The rating.auto-close job, after the clock has (or has not) run past any rating window.
  fc.record({ kind: fc.constant('autoClose' as const), lapse: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('return' as const, 'reject' as const, 'close' as const, 'transfer' as const), who: fc.constantFrom(...WHO) }),
  fc.record({ kind: fc.constant('reply' as const), who: fc.constantFrom(...WHO), adoption: fc.constantFrom('ADOPTED' as const, 'NOT_ADOPTED' as const, 'FOR_REFERENCE' as const) }),
  fc.record({ kind: fc.constant('review' as const), who: fc.constantFrom(...WHO), approve: fc.boolean() }),
  fc.record({ kind: fc.constant('rate' as const), who: fc.constantFrom(...WHO), level: fc.constantFrom('SATISFIED' as const, 'BASICALLY_SATISFIED' as const, 'UNSATISFIED' as const) }),
  fc.record({ kind: fc.constant('extend' as const), who: fc.constantFrom(...WHO), days: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 9 }) }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;
// Random commands are mostly refused. A 'legal' step asks the table which actions it allows from the
// model's status and takes one, by the party it names, so sequences get deep into the loop too
// (ending actions — withdraw, reject, close — only one time in ten and forward steps preferred,
// else few items reach a reply; MODEL_STATS=1 prints how often each command met each verdict).
const legal = fc.record({ kind: fc.constant('legal' as const), pick: fc.nat(), flavour: fc.nat() });
const anyStep = fc.oneof({ arbitrary: legal, weight: 2 }, { arbitrary: command, weight: 1 });

/** Longer than the rating window of the test campaigns (7 calendar days). */
const RATING_WINDOW_PASSED_MS = 15 * 86400_000;
const ENDING: readonly SuggestionAction[] = ['withdraw', 'reject', 'close'];
const SIDEWAYS: readonly SuggestionAction[] = ['return', 'transfer', 'sendBackReply'];
function legalStep(m: Model, pick: number, flavour: number): Command {
  const parties: Party[] = ['COORDINATOR', 'AUTHOR', 'SYSTEM', ...(m.lead ? (['LEAD_UNIT'] as const) : [])];
  // No merge command here; the recording actions (notes, extensions, co-organisers) change no status.
  const open = allowedActions(m.status, parties).filter((a) => a !== 'merge' && SUGGESTION_LIFECYCLE.targetsOf(a).length > 0);
  // Forward steps three times as likely as sideways ones (return, transfer, send back).
  const choices = (flavour % 10 === 0 ? open : open.filter((a) => !ENDING.includes(a))).flatMap((a) => (SIDEWAYS.includes(a) ? [a] : [a, a, a]));
  const action = choices.length ? choices[pick % choices.length]! : null;
  switch (action) {
    case null: return { kind: 'wait', days: 1 + (pick % 9) };
    case 'withdraw': return { kind: 'withdraw', who: 'author' };
    case 'reject': case 'close': case 'transfer': return { kind: action, who: 'coordinator' };
    case 'assign': return { kind: 'assign', who: 'coordinator', toB: flavour % 2 === 1 };
    case 'sign': return { kind: 'sign', who: 'lead' };
    case 'return': return { kind: 'return', who: 'lead' };
    case 'reply': return { kind: 'reply', who: 'lead', adoption: (['ADOPTED', 'NOT_ADOPTED', 'FOR_REFERENCE'] as const)[flavour % 3]! };
    case 'approveReply': case 'sendBackReply': return { kind: 'review', who: 'coordinator', approve: action === 'approveReply' };
    case 'rateSatisfied': return { kind: 'rate', who: 'author', level: flavour % 2 ? 'SATISFIED' : 'BASICALLY_SATISFIED' };
    case 'rateUnsatisfied': return { kind: 'rate', who: 'author', level: 'UNSATISFIED' };
    case 'autoClose': return { kind: 'autoClose', lapse: true };
    default: throw new Error(`no command for ${action}`);
  }
}

type ReplyState = 'PENDING_REVIEW' | 'PUBLISHED' | 'SENT_BACK';
interface Model {
  status: SuggestionStatus;
  lead: 'A' | 'B' | null;
  reopenCount: number;
  version: number;
  reply: { id: number; status: ReplyState } | null;
  pendingExtension: boolean;
}

/** What a step must do: change nothing (no call was possible), succeed to a status, or be refused with a code. */
type Outcome = { kind: 'skip' } | { kind: 'ok'; to: SuggestionStatus } | { kind: 'refused'; code: ErrorCode };

/** How each actor stands to the item, from the test's model (independent of suggestion-access.ts). */
function partiesIn(m: Model, who: Who): Party[] {
  switch (who) {
    case 'coordinator': return ['COORDINATOR'];
    case 'author': return ['AUTHOR'];
    case 'lead': return m.lead ? ['LEAD_UNIT'] : [];
    case 'otherUnit': return [];
    case 'stranger': return [];
  }
}

/** The oracle: the transition table's verdict for this action, status and standing. */
function table(m: Model, action: SuggestionAction, parties: Party[], campaign: { requireReplyReview: boolean; maxReopens: number }): Outcome {
  try {
    return { kind: 'ok', to: decideTransition(m.status, action, parties, { requireReplyReview: campaign.requireReplyReview, reopenCount: m.reopenCount, maxReopens: campaign.maxReopens, pendingExtension: m.pendingExtension }) };
  } catch (err) {
    if (err instanceof DomainError) return { kind: 'refused', code: err.code };
    throw err;
  }
}

/** Runs a command and reports what happened; anything but a DomainError is a bug and rethrown. */
type Attempt = { kind: 'ok'; value: unknown } | { kind: 'refused'; code: ErrorCode; message: string };
async function attempt(run: () => Promise<unknown>): Promise<Attempt> {
  try {
    return { kind: 'ok', value: await run() };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { kind: 'refused', code: err.code, message: err.message };
  }
}

describe(describeDb('workflow model: the transition table is the oracle for random command sequences'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('model'))!;
  });
  afterAll(async () => t?.close());

  it('every step succeeds or is refused exactly as the table says, and the invariants hold', async () => {
    if (!t) return;
    const g = given(t);
    const workflow = workflowOf(t.app);
    const intake = t.app.get(SuggestionsService);
    const calendar = await t.app.get(CalendarService).calendar();
    const suggestions = t.dataSource.getRepository(SuggestionEntity);
    const replies = t.dataSource.getRepository(ReplyEntity);
    const unitA = await g.unit();
    const unitB = await g.unit();
    const unitId = { A: unitA.id, B: unitB.id } as const;
    const staff = {
      coordinator: await g.staff(['COORDINATOR']),
      handlerA: await g.staff(['UNIT_HANDLER'], unitA.id),
      handlerB: await g.staff(['UNIT_HANDLER'], unitB.id),
    };
    const handlers = {
      A: { kind: 'staff', id: staff.handlerA.id, roles: ['UNIT_HANDLER'], unitId: unitA.id },
      B: { kind: 'staff', id: staff.handlerB.id, roles: ['UNIT_HANDLER'], unitId: unitB.id },
    } as const satisfies Record<'A' | 'B', Actor>;
    const coordinator: Actor = { kind: 'staff', id: staff.coordinator.id, roles: ['COORDINATOR'], unitId: null };
    // New residents each run: submission and rating limits count per resident.
    const residents = { author: { kind: 'resident', id: 0 } as Actor, stranger: { kind: 'resident', id: 0 } as Actor };
    const actorOf = (m: Model, who: Who): Actor => {
      switch (who) {
        case 'coordinator': return coordinator;
        case 'lead': return handlers[m.lead ?? 'A'];
        case 'otherUnit': return handlers[m.lead === 'A' || !m.lead ? 'B' : 'A'];
        default: return residents[who];
      }
    };
    const tally = new Map<string, number>();
    let run = 0;
    const staffUnit = new Map((await t.dataSource.getRepository(StaffUserEntity).find()).map((s) => [s.id, s.unitId]));

    const campaignSettings = fc.record({ requireReplyReview: fc.boolean(), maxReopens: fc.integer({ min: 0, max: 2 }) });
    await fc.assert(
      fc.asyncProperty(campaignSettings, fc.array(anyStep, { minLength: 1, maxLength: 20 }), async (settings, steps) => {
        t.clock.set('2025-09-22T02:00:00Z');
        run += 1; // each run submits from its own address: shrinking replays many runs, past the per-address limit
        residents.author = { kind: 'resident', id: (await g.resident()).id };
        residents.stranger = { kind: 'resident', id: (await g.resident()).id };
        const campaign = await g.campaign({ ...settings, opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });
        const { suggestion } = await intake.submit(residents.author, { campaignId: campaign.id, title: '测试建议', body: '这是一条用于模型测试的建议内容。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() }, `10.0.${Math.floor(run / 250)}.${(run % 250) + 1}`);
        const id = suggestion.id;
        const m: Model = { status: 'SUBMITTED', lead: null, reopenCount: 0, version: suggestion.version, reply: null, pendingExtension: false };
        const done: string[] = [];

        for (const raw of steps) {
          const c = raw.kind === 'legal' ? legalStep(m, raw.pick, raw.flavour) : raw;
          const before = await suggestions.findOneByOrFail({ id });
          const actor = 'who' in c ? actorOf(m, c.who) : null;
          const parties = 'who' in c ? partiesIn(m, c.who) : (['SYSTEM'] as Party[]);
          if (c.kind === 'autoClose' && c.lapse) t.clock.advance(RATING_WINDOW_PASSED_MS);
          const { expected, run: exec } = step(c, m, parties, before, actor);
          const actual = await exec();
          const step_ = `${describeStep(c)} on ${m.status} (lead ${m.lead ?? '-'}, reopens ${m.reopenCount}/${settings.maxReopens}, review ${settings.requireReplyReview}, reply ${m.reply?.status ?? '-'}) after [${done.join(', ')}]`;
          done.push(describeStep(c));
          const key = `${c.kind} ${expected.kind === 'refused' ? expected.code : expected.kind}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);

          // 1. Succeeded or refused exactly as the oracle says.
          if (expected.kind === 'skip') {
            expect({ step: step_, outcome: actual.kind }).toEqual({ step: step_, outcome: 'ok' });
          } else if (expected.kind === 'refused') {
            expect({ step: step_, outcome: actual.kind === 'refused' ? `refused ${actual.code}` : 'succeeded' }).toEqual({ step: step_, outcome: `refused ${expected.code}` });
          } else {
            expect({ step: step_, outcome: actual.kind === 'refused' ? `refused ${actual.code}: ${actual.message}` : 'succeeded' }).toEqual({ step: step_, outcome: 'succeeded' });
          }

          // 2. The model moves as the table says; a refusal changes nothing.
          if (expected.kind === 'ok' && actual.kind === 'ok') {
            if (c.kind === 'extend') m.pendingExtension = true;
            else {
              m.status = expected.to;
              m.version += 1;
              if (c.kind === 'assign') m.lead = c.toB ? 'B' : 'A';
              if (c.kind === 'transfer') m.lead = m.lead === 'A' ? 'B' : 'A';
              if (c.kind === 'return') m.lead = null;
              if (c.kind === 'rate' && expected.to === 'IN_PROGRESS') m.reopenCount += 1;
              if (c.kind === 'reply') m.reply = { id: (actual.value as { reply: ReplyEntity }).reply.id, status: expected.to === 'REPLIED' ? 'PUBLISHED' : 'PENDING_REVIEW' };
              if (c.kind === 'review') m.reply = { ...m.reply!, status: c.approve ? 'PUBLISHED' : 'SENT_BACK' };
            }
          }

          // 3. The database agrees with the model.
          const after = await suggestions.findOneByOrFail({ id });
          const latestReply = await replies.findOne({ where: { suggestionId: id }, order: { id: 'DESC' } });
          expect({ step: step_, status: after.status, leadUnitId: after.leadUnitId, reopenCount: after.reopenCount, version: after.version, reply: latestReply && { id: latestReply.id, status: latestReply.status } }).toEqual({
            step: step_,
            status: m.status,
            leadUnitId: m.lead ? unitId[m.lead] : null,
            reopenCount: m.reopenCount,
            version: m.version,
            reply: m.reply,
          });

          // 4. Invariants of the record.
          const events = await t.dataSource.getRepository(TimelineEventEntity).find({ where: { suggestionId: id }, order: { id: 'ASC' } });
          expect(replayStatus(events)).toBe(after.status);
          const statusEvents = events.filter((e) => e.toStatus);
          for (let i = 1; i < statusEvents.length; i++) expect(statusEvents[i]!.fromStatus).toBe(statusEvents[i - 1]!.toStatus);
          if (after.status === 'CLOSED') {
            const published = await replies.countBy({ suggestionId: id, status: 'PUBLISHED' });
            expect(published > 0 || !!after.closeReason).toBe(true);
          }
          for (const e of events.filter((e) => ['sign', 'return', 'reply'].includes(e.action))) {
            expect(e.actorKind).toBe('STAFF');
            expect(staffUnit.get(e.actorId!)).toBe(e.unitId);
          }
          for (const due of [after.signDueAt, after.replyDueAt]) {
            if (due) expect(calendar.isWorkingDate(shanghaiDate(due))).toBe(true);
          }
        }

        /** The oracle's verdict for one command and how to run it. */
        function step(c: Command, m: Model, parties: Party[], s: SuggestionEntity, actor: Actor | null): { expected: Outcome; run: () => Promise<Attempt> } {
          const a = actor!;
          const tableFor = (action: SuggestionAction) => table(m, action, parties, settings);
          const noStanding: Outcome = { kind: 'refused', code: 'FORBIDDEN' };
          switch (c.kind) {
            case 'assign':
              return { expected: tableFor('assign'), run: () => attempt(() => workflow.assign(a, { suggestionIds: [id], leadUnitId: c.toB ? unitB.id : unitA.id })) };
            case 'transfer':
              return { expected: tableFor('transfer'), run: () => attempt(() => workflow.transfer(a, { suggestionId: id, leadUnitId: m.lead === 'A' ? unitB.id : unitA.id, reason: '调整' })) };
            case 'sign':
              return { expected: tableFor('sign'), run: () => attempt(() => workflow.sign(a, { suggestionId: id })) };
            case 'withdraw':
              return { expected: tableFor('withdraw'), run: () => attempt(() => workflow.withdraw(a, { suggestionId: id })) };
            case 'return':
              return { expected: tableFor('return'), run: () => attempt(() => workflow.returnToOffice(a, { suggestionId: id, reason: '退回' })) };
            case 'reject':
              return { expected: tableFor('reject'), run: () => attempt(() => workflow.reject(a, { suggestionId: id, reason: '不予受理' })) };
            case 'close':
              return { expected: tableFor('close'), run: () => attempt(() => workflow.close(a, { suggestionId: id, reason: '办结' })) };
            case 'reply':
              return { expected: tableFor('reply'), run: () => attempt(() => workflow.reply(a, { suggestionId: id, body: '答复内容答复内容', adoption: c.adoption, notAdoptedReason: '理由' })) };
            case 'autoClose': {
              // The rating window is a fact of time, not of the table: the job closes only a lapsed window.
              const lapsed = !!s.ratingDueAt && s.ratingDueAt <= t.clock.now();
              const verdict = tableFor('autoClose');
              const expected: Outcome = lapsed && verdict.kind === 'ok' ? verdict : { kind: 'skip' };
              return {
                expected,
                run: async () => {
                  const closed = await workflow.autoCloseIfLapsed(id);
                  expect({ autoClosed: closed }).toEqual({ autoClosed: expected.kind === 'ok' });
                  return { kind: 'ok', value: closed };
                },
              };
            }
            case 'review': {
              const reply = m.reply;
              if (!reply) return { expected: { kind: 'skip' }, run: async () => ({ kind: 'ok', value: null }) };
              // Standing first; then the reply must still be awaiting review; then the table.
              const expected: Outcome = parties.length === 0 ? noStanding : reply.status !== 'PENDING_REVIEW' ? { kind: 'refused', code: 'CONFLICT' } : tableFor(c.approve ? 'approveReply' : 'sendBackReply');
              return { expected, run: () => attempt(() => workflow.reviewReply(a, { replyId: reply.id, approve: c.approve })) };
            }
            case 'rate': {
              const reply = m.reply;
              if (!reply) return { expected: { kind: 'skip' }, run: async () => ({ kind: 'ok', value: null }) };
              // Standing first; then only the latest, published reply is rated; then the table.
              const expected: Outcome = parties.length === 0 ? noStanding : reply.status !== 'PUBLISHED' ? { kind: 'refused', code: 'CONFLICT' } : tableFor(c.level === 'UNSATISFIED' ? 'rateUnsatisfied' : 'rateSatisfied');
              return { expected, run: () => attempt(() => workflow.rate(a, { replyId: reply.id, level: c.level })) };
            }
            case 'extend': {
              // A table action without a status change: the lead unit asks while the item owes a reply, one request at a time.
              const expected: Outcome = tableFor('requestExtension');
              return { expected, run: () => attempt(() => workflow.requestExtension(a, { suggestionId: id, reason: '需要协调', extraWorkingDays: c.days })) };
            }
            case 'wait':
              return { expected: { kind: 'skip' }, run: async () => (t.clock.advance(c.days * 86400_000), { kind: 'ok', value: null }) };
          }
        }
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 40) },
    );
    if (process.env.MODEL_STATS) console.log([...tally].sort().map(([k, n]) => `${k}: ${n}`).join('\n'));
  }, 120_000);
});

function describeStep(c: Command): string {
  switch (c.kind) {
    case 'assign': return `${c.who} assigns to ${c.toB ? 'B' : 'A'}`;
    case 'reply': return `${c.who} replies ${c.adoption}`;
    case 'review': return `${c.who} ${c.approve ? 'approves' : 'sends back'} the reply`;
    case 'rate': return `${c.who} rates ${c.level}`;
    case 'extend': return `${c.who} asks ${c.days} more days`;
    case 'wait': return `${c.days} days pass`;
    case 'autoClose': return c.lapse ? 'the rating window passes and the job runs' : 'the rating job runs';
    default: return `${c.who} ${c.kind}s`;
  }
}
