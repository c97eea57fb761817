import { ConflictError, ForbiddenError, InvalidTransitionError } from '../common/errors.js';
import {
  SUGGESTION_ACTIONS,
  SUGGESTION_STATUSES,
  allowedActions,
  decideTransition,
  replayStatus,
  type Party,
  type SuggestionAction,
  type SuggestionStatus,
} from './suggestion-workflow.js';

// ARCHITECTURE §3, typed out again independently of the implementation:
// [from statuses, action, party, target(s)].
const OPEN: SuggestionStatus[] = ['SUBMITTED', 'ASSIGNED', 'RETURNED', 'IN_PROGRESS', 'REPLY_REVIEW', 'REPLIED'];
const DESIGN: [SuggestionStatus[], SuggestionAction, Party, string][] = [
  [['SUBMITTED'], 'withdraw', 'AUTHOR', 'WITHDRAWN'],
  [['SUBMITTED'], 'reject', 'COORDINATOR', 'REJECTED'],
  [['SUBMITTED'], 'merge', 'COORDINATOR', 'MERGED'],
  [['SUBMITTED', 'RETURNED'], 'assign', 'COORDINATOR', 'ASSIGNED'],
  [['ASSIGNED'], 'sign', 'LEAD_UNIT', 'IN_PROGRESS'],
  [['ASSIGNED', 'IN_PROGRESS'], 'return', 'LEAD_UNIT', 'RETURNED'],
  [['ASSIGNED', 'IN_PROGRESS'], 'transfer', 'COORDINATOR', 'ASSIGNED'],
  [['IN_PROGRESS'], 'reply', 'LEAD_UNIT', 'REPLY_REVIEW|REPLIED'],
  [['REPLY_REVIEW'], 'approveReply', 'COORDINATOR', 'REPLIED'],
  [['REPLY_REVIEW'], 'sendBackReply', 'COORDINATOR', 'IN_PROGRESS'],
  [['REPLIED'], 'rateSatisfied', 'AUTHOR', 'CLOSED'],
  [['REPLIED'], 'rateUnsatisfied', 'AUTHOR', 'IN_PROGRESS|CLOSED'],
  [['REPLIED'], 'autoClose', 'SYSTEM', 'CLOSED'],
  [OPEN, 'close', 'COORDINATOR', 'CLOSED'],
  // Recorded without a status change (SAME):
  [['ASSIGNED', 'IN_PROGRESS'], 'coSign', 'CO_UNIT', 'SAME'],
  [['ASSIGNED', 'IN_PROGRESS'], 'contribute', 'CO_UNIT', 'SAME'],
  [['ASSIGNED', 'IN_PROGRESS', 'REPLY_REVIEW'], 'addProgressNote', 'LEAD_UNIT', 'SAME'],
  [['ASSIGNED', 'IN_PROGRESS', 'REPLY_REVIEW'], 'addProgressNote', 'CO_UNIT', 'SAME'],
  [['ASSIGNED', 'IN_PROGRESS', 'REPLY_REVIEW'], 'addProgressNote', 'COORDINATOR', 'SAME'],
  [['ASSIGNED', 'IN_PROGRESS'], 'requestExtension', 'LEAD_UNIT', 'SAME'],
];
const PARTIES: Party[] = ['AUTHOR', 'COORDINATOR', 'LEAD_UNIT', 'CO_UNIT', 'SYSTEM'];
const ctx = { requireReplyReview: false, reopenCount: 0, maxReopens: 1, coSigned: false, pendingExtension: false };
const ctxFor = (action: SuggestionAction) => (action === 'contribute' ? { ...ctx, coSigned: true } : ctx);

describe('the suggestion workflow table', () => {
  const cells = SUGGESTION_STATUSES.flatMap((status) => SUGGESTION_ACTIONS.flatMap((action) => PARTIES.map((party) => ({ status, action, party }))));

  it.each(cells)('$status × $action × $party', ({ status, action, party }) => {
    const designs = DESIGN.filter(([from, a]) => a === action && from.includes(status));
    const design = designs.find((d) => d[2] === party);
    if (design) {
      expect(design[3].split('|').map((t) => (t === 'SAME' ? status : t))).toContain(decideTransition(status, action, [party], ctxFor(action)));
    } else if (designs.length === 0) {
      expect(() => decideTransition(status, action, [party], ctxFor(action))).toThrow(InvalidTransitionError);
    } else {
      expect(() => decideTransition(status, action, [party], ctxFor(action))).toThrow(ForbiddenError);
    }
  });

  it('refuses a caller with no standing before revealing the status', () => {
    for (const status of SUGGESTION_STATUSES) {
      expect(() => decideTransition(status, 'reply', [], ctx)).toThrow(ForbiddenError);
    }
  });

  it('chooses review or publication, and reopen or close, from the context', () => {
    expect(decideTransition('IN_PROGRESS', 'reply', ['LEAD_UNIT'], { ...ctx, requireReplyReview: true })).toBe('REPLY_REVIEW');
    expect(decideTransition('IN_PROGRESS', 'reply', ['LEAD_UNIT'], ctx)).toBe('REPLIED');
    expect(decideTransition('REPLIED', 'rateUnsatisfied', ['AUTHOR'], ctx)).toBe('IN_PROGRESS');
    expect(decideTransition('REPLIED', 'rateUnsatisfied', ['AUTHOR'], { ...ctx, reopenCount: 1 })).toBe('CLOSED');
  });

  it('names the status and what is allowed when refusing', () => {
    expect(() => decideTransition('ASSIGNED', 'reply', ['LEAD_UNIT'], ctx)).toThrow(
      'Cannot reply to a suggestion that is assigned; allowed now: sign for, return, add a progress note to, request an extension for',
    );
    expect(allowedActions('REPLIED', ['AUTHOR'])).toEqual(['rateSatisfied', 'rateUnsatisfied']);
  });

  it('replays a timeline to its last status', () => {
    expect(replayStatus([{ toStatus: 'SUBMITTED' }, { toStatus: null }, { toStatus: 'ASSIGNED' }])).toBe('ASSIGNED');
  });

  it('guards the recording actions: a co-organiser signs once and contributes after signing; one extension request at a time', () => {
    expect(() => decideTransition('IN_PROGRESS', 'coSign', ['CO_UNIT'], { ...ctx, coSigned: true })).toThrow(ConflictError);
    expect(() => decideTransition('IN_PROGRESS', 'contribute', ['CO_UNIT'], { ...ctx, coSigned: false })).toThrow(ConflictError);
    expect(() => decideTransition('IN_PROGRESS', 'requestExtension', ['LEAD_UNIT'], { ...ctx, pendingExtension: true })).toThrow(ConflictError);
    expect(allowedActions('IN_PROGRESS', ['CO_UNIT'], { coSigned: false })).toEqual(['coSign', 'addProgressNote']);
    expect(allowedActions('IN_PROGRESS', ['CO_UNIT'], { coSigned: true })).toEqual(['contribute', 'addProgressNote']);
    expect(allowedActions('IN_PROGRESS', ['LEAD_UNIT'], { pendingExtension: true })).toEqual(['return', 'reply', 'addProgressNote']);
  });
});

describe('the extension request lifecycle', () => {
  it('the office decides a pending request once; approval needs the deadline it extends', async () => {
    const { EXTENSION_LIFECYCLE } = await import('./extension-lifecycle.js');
    expect(EXTENSION_LIFECYCLE.decide('PENDING', 'approve', ['COORDINATOR'], { stillApplies: true })).toMatchObject({ to: 'APPROVED', effects: { movesDeadline: true } });
    expect(EXTENSION_LIFECYCLE.decide('PENDING', 'deny', ['COORDINATOR'], { stillApplies: false }).to).toBe('DENIED');
    expect(() => EXTENSION_LIFECYCLE.decide('PENDING', 'approve', ['COORDINATOR'], { stillApplies: false })).toThrow(ConflictError);
    expect(() => EXTENSION_LIFECYCLE.decide('APPROVED', 'deny', ['COORDINATOR'], { stillApplies: true })).toThrow(ConflictError);
    expect(() => EXTENSION_LIFECYCLE.decide('PENDING', 'deny', [], { stillApplies: true })).toThrow(ForbiddenError);
  });
});

describe('the reply lifecycle', () => {
  it('a reply awaiting review is published or sent back once', async () => {
    const { REPLY_LIFECYCLE } = await import('./reply-lifecycle.js');
    expect(REPLY_LIFECYCLE.decide('PENDING_REVIEW', 'publish', ['WORKFLOW'], {}).to).toBe('PUBLISHED');
    expect(REPLY_LIFECYCLE.decide('PENDING_REVIEW', 'sendBack', ['OFFICE'], {}).to).toBe('SENT_BACK');
    expect(() => REPLY_LIFECYCLE.decide('PUBLISHED', 'sendBack', ['OFFICE'], {})).toThrow(ConflictError);
    expect(() => REPLY_LIFECYCLE.decide('PENDING_REVIEW', 'sendBack', ['WORKFLOW'], {})).toThrow(ForbiddenError);
  });
});
