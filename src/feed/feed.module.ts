import { Module } from '@nestjs/common';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { FeedResolver, PublicReplyResolver } from './feed.resolver.js';
import { FeedService } from './feed.service.js';

@Module({ imports: [StatisticsModule], providers: [FeedService, FeedResolver, PublicReplyResolver] })
export class FeedModule {}
