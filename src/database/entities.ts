import { UnitEntity } from '../units/unit.entity.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { StaffAuditEventEntity } from '../staff/staff-audit-event.entity.js';
import { StaffPasswordCodeEntity } from '../staff/staff-password-code.entity.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { LoginCodeEntity } from '../auth/login-code.entity.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../suggestions/timeline-event.entity.js';
import { OutboxMessageEntity } from '../jobs/outbox-message.entity.js';
import { CalendarDayEntity } from '../calendar/calendar-day.entity.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { ExtensionRequestEntity } from '../assignments/extension-request.entity.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { RatingEntity } from '../replies/rating.entity.js';
import { ReplyTemplateEntity } from '../replies/reply-template.entity.js';
import { RoutingRuleEntity } from '../routing/routing-rule.entity.js';
import { NotificationEntity } from '../notifications/notification.entity.js';
import { NotificationDeliveryEntity } from '../notifications/notification-delivery.entity.js';
import { CallbackTaskEntity } from '../callbacks/callback-task.entity.js';
import { EvaluatorReviewEntity } from '../evaluations/evaluator-review.entity.js';
import { EvaluatorOpinionEntity } from '../evaluations/evaluator-opinion.entity.js';
import { SuggestionSupportEntity } from '../awards/suggestion-support.entity.js';
import { AwardRoundEntity } from '../awards/award-round.entity.js';
import { UnitScoreEntity } from '../awards/unit-score.entity.js';
import { SuggestionScoreEntity } from '../awards/suggestion-score.entity.js';
import { AwardWinnerEntity } from '../awards/award-winner.entity.js';
import { AwardRoundEventEntity } from '../awards/award-round-event.entity.js';
import { DisclosureRequestEntity } from '../disclosure/disclosure-request.entity.js';
import { DisclosureEventEntity } from '../disclosure/disclosure-event.entity.js';
import { DisclosureCaseEntity } from '../disclosure/disclosure-case.entity.js';
import { LedgerCounterEntity } from '../disclosure/ledger-counter.entity.js';
import { PersonalDataEventEntity } from '../privacy/personal-data-event.entity.js';
import { PhotoEntity } from '../photos/photo.entity.js';
import { JobRetryEventEntity } from '../jobs/job-retry-event.entity.js';

/** Every entity, in one list the data source and the schema-drift test share. */
export const ENTITIES = [
  UnitEntity,
  StaffUserEntity,
  StaffAuditEventEntity,
  StaffPasswordCodeEntity,
  ResidentEntity,
  LoginCodeEntity,
  CampaignEntity,
  SuggestionEntity,
  TimelineEventEntity,
  OutboxMessageEntity,
  CalendarDayEntity,
  AssignmentEntity,
  ExtensionRequestEntity,
  ReplyEntity,
  RatingEntity,
  ReplyTemplateEntity,
  RoutingRuleEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
  CallbackTaskEntity,
  EvaluatorReviewEntity,
  EvaluatorOpinionEntity,
  SuggestionSupportEntity,
  AwardRoundEntity,
  UnitScoreEntity,
  SuggestionScoreEntity,
  AwardWinnerEntity,
  AwardRoundEventEntity,
  DisclosureRequestEntity,
  DisclosureEventEntity,
  DisclosureCaseEntity,
  LedgerCounterEntity,
  PersonalDataEventEntity,
  PhotoEntity,
  JobRetryEventEntity,
];
