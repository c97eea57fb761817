import { UnitEntity } from '../units/unit.entity.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
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

/** Every entity, in one list the data source and the schema-drift test share. */
export const ENTITIES = [
  UnitEntity,
  StaffUserEntity,
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
];
