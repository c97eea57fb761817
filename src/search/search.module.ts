import { Global, Module } from '@nestjs/common';
import { SearchService } from './search.service.js';

/** Global: the public feed and the coordinator's duplicate finder both search. */
@Global()
@Module({ providers: [SearchService], exports: [SearchService] })
export class SearchModule {}
