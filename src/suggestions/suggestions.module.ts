import { Module } from '@nestjs/common';
import { SuggestionsResolver } from './suggestions.resolver.js';
import { SuggestionsService } from './suggestions.service.js';
import { WorkflowCore } from './workflow-core.js';
import { ScreeningService } from './screening.service.js';
import { UnitWorkService } from './unit-work.service.js';
import { ReplyingService } from './replying.service.js';
import { ClosingService } from './closing.service.js';
import { IntakeCampaigns } from '../campaigns/intake-campaigns.js';
import { SuggestionsJobs } from './suggestions.jobs.js';
import { WorkflowResolver } from './workflow.resolver.js';
import { SuggestionQueriesService } from './suggestion-queries.service.js';
import { SuggestionFieldsResolver } from './suggestion-fields.resolver.js';
import { AssignmentTextResolver, CallbackTaskTextResolver, ExtensionTextResolver, RatingTextResolver, ReplyTextResolver, TimelineTextResolver } from './item-text.resolver.js';

@Module({
  providers: [
    SuggestionsService, IntakeCampaigns, SuggestionsResolver, WorkflowCore, ScreeningService, UnitWorkService, ReplyingService, ClosingService, WorkflowResolver, SuggestionQueriesService, SuggestionFieldsResolver, SuggestionsJobs,
    TimelineTextResolver, AssignmentTextResolver, ExtensionTextResolver, ReplyTextResolver, RatingTextResolver, CallbackTaskTextResolver,
  ],
  exports: [SuggestionsService, ScreeningService, UnitWorkService, ReplyingService, ClosingService, SuggestionQueriesService],
})
export class SuggestionsModule {}
