import { Module } from '@nestjs/common';
import { SuggestionsResolver } from './suggestions.resolver.js';
import { SuggestionsService } from './suggestions.service.js';
import { IntakeCampaigns } from '../campaigns/intake-campaigns.js';
import { WorkflowService } from './workflow.service.js';
import { SuggestionsJobs } from './suggestions.jobs.js';
import { WorkflowResolver } from './workflow.resolver.js';
import { SuggestionQueriesService } from './suggestion-queries.service.js';
import { SuggestionFieldsResolver } from './suggestion-fields.resolver.js';
import { AssignmentTextResolver, ExtensionTextResolver, RatingTextResolver, ReplyTextResolver, TimelineTextResolver } from './item-text.resolver.js';

@Module({
  providers: [
    SuggestionsService, IntakeCampaigns, SuggestionsResolver, WorkflowService, WorkflowResolver, SuggestionQueriesService, SuggestionFieldsResolver, SuggestionsJobs,
    TimelineTextResolver, AssignmentTextResolver, ExtensionTextResolver, ReplyTextResolver, RatingTextResolver,
  ],
  exports: [SuggestionsService, WorkflowService, SuggestionQueriesService],
})
export class SuggestionsModule {}
