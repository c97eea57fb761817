import { Global, Module } from '@nestjs/common';
import { PublicSearchPool } from './public-search-pool.js';
import { SearchService } from './search.service.js';

/** Global: the public feed and the coordinator's duplicate finder both search. */
@Global()
@Module({ providers: [SearchService, PublicSearchPool], exports: [SearchService] })
export class SearchModule {}
