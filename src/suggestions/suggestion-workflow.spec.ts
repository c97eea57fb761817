import { ForbiddenError, InvalidTransitionError } from '../common/errors.js';
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
];
const PARTIES: Party[] = ['AUTHOR', 'COORDINATOR', 'LEAD_UNIT', 'SYSTEM'];
const ctx = { requireReplyReview: false, reopenCount: 0, maxReopens: 1 };

describe('the suggestion workflow table', () => {
  const cells = SUGGESTION_STATUSES.flatMap((status) => SUGGESTION_ACTIONS.flatMap((action) => PARTIES.map((party) => ({ status, action, party }))));

  it.each(cells)('$status × $action × $party', ({ status, action, party }) => {
    const design = DESIGN.find(([from, a]) => a === action && from.includes(status));
    if (design && design[2] === party) {
      expect(design[3].split('|')).toContain(decideTransition(status, action, [party], ctx));
    } else if (!design) {
      expect(() => decideTransition(status, action, [party], ctx)).toThrow(InvalidTransitionError);
    } else {
      expect(() => decideTransition(status, action, [party], ctx)).toThrow(ForbiddenError);
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
      'Cannot reply to a suggestion that is assigned; allowed now: sign for, return',
    );
    expect(allowedActions('REPLIED', ['AUTHOR'])).toEqual(['rateSatisfied', 'rateUnsatisfied']);
  });

  it('replays a timeline to its last status', () => {
    expect(replayStatus([{ toStatus: 'SUBMITTED' }, { toStatus: null }, { toStatus: 'ASSIGNED' }])).toBe('ASSIGNED');
  });
});
