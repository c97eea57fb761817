// Column lists in entity order (src/**/*.entity.ts): the generator loads them, the raw
// baselines select them as TypeORM does. The generator checks them against the entity
// metadata before it loads anything.

export const COLUMNS = {
  units: ['id', 'code', 'name', 'kind', 'parentId', 'active', 'createdAt', 'updatedAt'],
  staff_users: ['id', 'username', 'passwordHash', 'displayName', 'roles', 'unitId', 'active', 'createdAt'],
  campaigns: ['id', 'year', 'number', 'title', 'topic', 'description', 'opensAt', 'closesAt', 'status', 'categories', 'signDays', 'replyDays', 'reopenReplyDays', 'ratingWindowDays', 'maxReopens', 'requireReplyReview', 'prizeText', 'createdAt', 'updatedAt'],
  residents: ['id', 'phoneCiphertext', 'phoneHash', 'displayName', 'verifiedAt', 'notificationOptOuts', 'deletedAt', 'createdAt'],
  suggestions: ['id', 'trackingNumber', 'campaignId', 'authorId', 'title', 'body', 'category', 'location', 'consentToPublish', 'anonymous', 'authorName', 'status', 'channel', 'recordedById', 'consentInPerson', 'idempotencyKey', 'contentHash', 'version', 'reopenCount', 'leadUnitId', 'signDueAt', 'replyDueAt', 'ratingDueAt', 'mergedIntoId', 'adoption', 'published', 'closeReason', 'closedAt', 'submittedAt', 'updatedAt'],
  timeline_events: ['id', 'suggestionId', 'actorKind', 'actorId', 'unitId', 'action', 'fromStatus', 'toStatus', 'note', 'at'],
  assignments: ['id', 'suggestionId', 'unitId', 'role', 'assignedById', 'assignedAt', 'signDueAt', 'signedAt', 'signedById', 'contribution', 'contributedAt', 'endedAt', 'endReason', 'endNote'],
  replies: ['id', 'suggestionId', 'unitId', 'authorId', 'body', 'adoption', 'notAdoptedReason', 'templateId', 'status', 'submittedAt', 'dueAt', 'onTime', 'reviewedById', 'reviewedAt', 'reviewNote', 'publishedAt'],
  ratings: ['id', 'suggestionId', 'replyId', 'unitId', 'residentId', 'level', 'comment', 'createdAt'],
  evaluator_reviews: ['id', 'replyId', 'suggestionId', 'unitId', 'evaluatorId', 'timeliness', 'substance', 'attitude', 'replyPublishedAt', 'createdAt'],
  suggestion_supports: ['id', 'suggestionId', 'residentId', 'supporterKey', 'createdAt'],
} as const;
