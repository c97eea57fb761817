import type * as zh from './labels.zh-CN.js';

// The English words for labels.zh-CN.ts; the types make the key sets equal.
type Same<T> = { readonly [K in keyof T]: string };

export const FIELDS: Same<typeof zh.FIELDS> = {
  id: 'ID', ids: 'IDs', after: 'page cursor', first: 'page size', phone: 'phone number', code: 'code', username: 'username', password: 'password', newPassword: 'new password', currentPassword: 'current password',
  name: 'name', displayName: 'display name', kind: 'kind', parentId: 'parent unit', active: 'active', includeInactive: 'include inactive units',
  year: 'year', number: 'number', title: 'title', topic: 'topic', description: 'description', opensAt: 'opening time', closesAt: 'closing time',
  categories: 'categories', category: 'category', replyDays: 'reply days', signDays: 'signing days', reopenReplyDays: 'reopened reply days',
  ratingDays: 'rating days', maxReopens: 'maximum reopens', prizeText: 'prize text', requireReplyReview: 'reply review',
  campaignId: 'campaign', body: 'text', area: 'place', location: 'place', consentToPublish: 'consent to publish', anonymous: 'anonymous',
  idempotencyKey: 'idempotency key', photoIds: 'photos', trackingNumber: 'tracking number', suggestionId: 'suggestion', suggestionIds: 'suggestions', targetId: 'merge target',
  leadUnitId: 'lead unit', coUnitIds: 'co-organiser units', unitId: 'unit', reason: 'reason', note: 'note', expectedVersion: 'version',
  adoption: 'adoption', notAdoptedReason: 'reason for not adopting', templateId: 'reply template', replyId: 'reply', rating: 'rating', comment: 'comment',
  days: 'days', requestId: 'request', approve: 'decision', approved: 'decision', decision: 'decision', status: 'status', statuses: 'statuses',
  optOuts: 'opt-outs', quarter: 'quarter', weights: 'weights', satisfactionBasis: 'satisfaction basis', response: 'response-rate weight', onTime: 'on-time weight', satisfaction: 'satisfaction weight',
  evaluation: 'evaluation weight', winners: 'winners', rank: 'rank', from: 'start date', to: 'end date', date: 'date', type: 'type',
  keywords: 'keywords', priority: 'priority', timeliness: 'timeliness mark', substance: 'substance mark', attitude: 'attitude mark', opinion: 'opinion',
  answer: 'answer', opinionId: 'opinion', file: 'file name', format: 'format', receivedAt: 'date received', contactPhone: 'contact phone',
  applicantName: 'applicant', applicantType: 'applicant type', subject: 'subject', content: 'content', answeredAt: 'correction date',
  reviewedAt: 'review date', repliedAt: 'reply date', outcome: 'outcome', caseId: 'case', result: 'result', concludedAt: 'conclusion date',
  filedAt: 'filing date', ledgerNumber: 'ledger number', channel: 'channel', search: 'search text', query: 'search text', confirm: 'confirmation', sort: 'sort order',
  text: 'text', isOpen: 'open', unitKind: 'unit kind', group: 'group', minItems: 'minimum items', topN: 'nominees', extendDays: 'extension days',
  outcomeNote: 'outcome note', legalReviewNote: 'legal review note', correctionNote: 'correction note', callbackNote: 'call notes', roles: 'roles',
  ratingWindowDays: 'rating window days', contribution: 'contribution', extraWorkingDays: 'extra working days', level: 'level', filter: 'filter',
  asCoOrganiser: 'as co-organiser', workingDays: 'working days', reviewer: 'reviewer', replyNote: 'reply note', caseNumber: 'case number',
  receivedYear: 'year received', overdue: 'overdue', callbackPending: 'call pending', unreviewedOnly: 'unreviewed only', opinionStatus: 'opinion status',
  withOpinionOnly: 'with an opinion only', unreadOnly: 'unread only', part: 'part', evaluator: 'evaluator', support: 'support weight',
  citizenWeights: 'resident award weights', minItemsToRank: 'minimum items to rank', citizenNominees: 'resident award nominees', citation: 'citation',
  groupBy: 'grouping', adopted: 'adoption weight', residentName: 'resident’s name', residentId: 'resident', action: 'action',
};

export const ENTITIES: Same<typeof zh.ENTITIES> = {
  Unit: 'unit', Suggestion: 'suggestion', PublishedSuggestion: 'published suggestion', Notification: 'message', Resident: 'resident account',
  CallbackTask: 'call task', ExtensionRequest: 'extension request', Reply: 'reply', PublishedReply: 'published reply', ReplyTemplate: 'reply template',
  Campaign: 'campaign', AwardRound: 'award round', ComputedAwardRound: 'computed award round', DisclosureRequest: 'disclosure request',
  AdministrativeCase: 'review or litigation case', Evaluator: 'evaluator', EvaluatorOpinion: 'evaluator opinion', StaffUser: 'staff account', Photo: 'photo', FailedJob: 'failed job', RoutingRule: 'routing rule',
};

export const SUGGESTION_STATUS: Same<typeof zh.SUGGESTION_STATUS> = {
  SUBMITTED: 'submitted', WITHDRAWN: 'withdrawn', REJECTED: 'rejected', MERGED: 'merged', ASSIGNED: 'assigned', RETURNED: 'returned',
  IN_PROGRESS: 'in progress', REPLY_REVIEW: 'reply under review', REPLIED: 'replied', CLOSED: 'closed',
};

export const SUGGESTION_ACTION: Same<typeof zh.SUGGESTION_ACTION> = {
  withdraw: 'withdraw', reject: 'reject', merge: 'merge', assign: 'assign', sign: 'sign for', return: 'return', transfer: 'transfer', reply: 'reply to',
  approveReply: 'approve the reply to', sendBackReply: 'send back the reply to', rateSatisfied: 'rate as satisfied', rateUnsatisfied: 'rate as unsatisfied',
  autoClose: 'close on expiry', close: 'close', addProgressNote: 'add a progress note to', contribute: 'contribute to', requestExtension: 'request an extension for', coSign: 'sign as co-organiser for',
};

export const CAMPAIGN_STATUS: Same<typeof zh.CAMPAIGN_STATUS> = { DRAFT: 'a draft', OPEN: 'open', CLOSED: 'closed', ARCHIVED: 'archived' };
export const CAMPAIGN_ACTION: Same<typeof zh.CAMPAIGN_ACTION> = { open: 'open', close: 'close', archive: 'archive' };
export const ROUND_STATUS: Same<typeof zh.ROUND_STATUS> = { DRAFT: 'a draft', COMPUTED: 'computed', PUBLISHED: 'published' };
export const PARTY: Same<typeof zh.PARTY> = { AUTHOR: 'author', COORDINATOR: 'coordinating office', LEAD_UNIT: 'lead unit', CO_UNIT: 'co-organising unit', SYSTEM: 'system' };
export const DISCLOSURE_STATUS: Same<typeof zh.DISCLOSURE_STATUS> = { IN_PROGRESS: 'in progress', AWAITING_CORRECTION: 'awaiting correction', DECIDED: 'decided' };
export const DISCLOSURE_STEP: Same<typeof zh.DISCLOSURE_STEP> = {
  extend: 'extend', requestCorrection: 'request a correction for', recordCorrection: 'record a correction for', recordLegalReview: 'record the legal review of',
  decide: 'decide', completeCallback: 'record the follow-up call of',
};
export const NOTIFICATION_KIND: Same<typeof zh.NOTIFICATION_KIND> = {
  RECEIPT: 'receipts', RESULT: 'results', PROGRESS: 'progress notices', RATING_REQUEST: 'rating requests', DEADLINE: 'deadline reminders', ESCALATION: 'escalations',
};
