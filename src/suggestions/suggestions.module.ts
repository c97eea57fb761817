import { Module } from '@nestjs/common';
import { SuggestionsResolver } from './suggestions.resolver.js';
import { SuggestionsService } from './suggestions.service.js';
import { WorkflowService } from './workflow.service.js';
import { SuggestionsJobs } from './suggestions.jobs.js';
import { WorkflowResolver } from './workflow.resolver.js';
import { SuggestionQueriesService } from './suggestion-queries.service.js';
import { SuggestionFieldsResolver } from './suggestion-fields.resolver.js';
import { AssignmentTextResolver, CallbackTaskTextResolver, ExtensionTextResolver, RatingTextResolver, ReplyTextResolver, TimelineTextResolver } from './item-text.resolver.js';

@Module({
  providers: [
    SuggestionsService, SuggestionsResolver, WorkflowService, WorkflowResolver, SuggestionQueriesService, SuggestionFieldsResolver, SuggestionsJobs,
    TimelineTextResolver, AssignmentTextResolver, ExtensionTextResolver, ReplyTextResolver, RatingTextResolver, CallbackTaskTextResolver,
  ],
  exports: [SuggestionsService, WorkflowService, SuggestionQueriesService],
})
export class SuggestionsModule {}
