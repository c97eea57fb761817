import { Module } from '@nestjs/common';
import { SuggestionsResolver } from './suggestions.resolver.js';
import { SuggestionsService } from './suggestions.service.js';

@Module({ providers: [SuggestionsService, SuggestionsResolver], exports: [SuggestionsService] })
export class SuggestionsModule {}
