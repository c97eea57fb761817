import type { ReplyStatus } from '../replies/reply.entity.js';
import { ConflictError, ForbiddenError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';

// A reply's lifecycle on the lifecycle core (src/common/lifecycle): written PENDING_REVIEW, then
// published at once when the campaign needs no review (the item's own transition to REPLIED, by
// the WORKFLOW) or by the office's review, or sent back by it. Who may review is the item's table
// (approveReply, sendBackReply); this one states what a reply may become. Pure.

export type ReplyAction = 'publish' | 'sendBack';

export const REPLY_LIFECYCLE = defineLifecycle<ReplyStatus, ReplyAction, 'OFFICE' | 'WORKFLOW', Record<string, never>>({
  name: 'reply',
  statuses: ['PENDING_REVIEW', 'PUBLISHED', 'SENT_BACK'],
  initial: 'PENDING_REVIEW',
  refusals: {
    wrongStatus: (_action, status) => new ConflictError(msg('review.notPending'), { status }),
    wrongParty: () => new ForbiddenError(),
  },
  transitions: {
    publish: { from: ['PENDING_REVIEW'], who: ['OFFICE', 'WORKFLOW'], to: 'PUBLISHED' },
    sendBack: { from: ['PENDING_REVIEW'], who: ['OFFICE'], to: 'SENT_BACK' },
  },
});
