import { UnitEntity } from '../units/unit.entity.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { LoginCodeEntity } from '../auth/login-code.entity.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../suggestions/timeline-event.entity.js';
import { OutboxMessageEntity } from '../jobs/outbox-message.entity.js';

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
];
