import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { CommonModule } from './common/logger.module.js';
import type { Logger } from './common/logger.js';
import { Clock } from './common/clock.js';
import { DatabaseModule } from './database/database.module.js';
import { RedisModule } from './redis/redis.module.js';
import { PublicCacheModule } from './public-cache/public-cache.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AppGraphQLModule } from './graphql/graphql.module.js';
import { ConnectionsModule } from './graphql/connection.js';
import { GraphiqlModule } from './graphql/graphiql.js';
import { HealthModule } from './health/health.module.js';
import { UnitsModule } from './units/units.module.js';
import { StaffModule } from './staff/staff.module.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { SuggestionsModule } from './suggestions/suggestions.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { RoutingModule } from './routing/routing.module.js';
import { ReplyTemplatesModule } from './replies/reply-templates.js';
import { DisclosureModule } from './disclosure/disclosure.module.js';
import { EvaluationsModule } from './evaluations/evaluations.module.js';
import { AwardsModule } from './awards/awards.module.js';
import { SearchModule } from './search/search.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';
import { FeedModule } from './feed/feed.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { CallbacksModule } from './callbacks/callbacks.module.js';
import { PhotosModule } from './photos/photos.module.js';

/** Feature modules, in one list. */
export const FEATURE_MODULES = [
  PhotosModule,
  CalendarModule,
  UnitsModule,
  StaffModule,
  CampaignsModule,
  SuggestionsModule,
  RoutingModule,
  ReplyTemplatesModule,
  DisclosureModule,
  EvaluationsModule,
  AwardsModule,
  SearchModule,
  StatisticsModule,
  FeedModule,
  PrivacyModule,
  JobsModule,
  NotificationsModule,
  RemindersModule,
  CallbacksModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger, clock = new Clock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule.forRoot(logger, clock),
        DatabaseModule,
        RedisModule,
        PublicCacheModule,
        HealthModule,
        AuthModule,
        AppGraphQLModule,
        GraphiqlModule.forRoot(!config.isProduction),
        ...FEATURE_MODULES,
        // After the features: it registers a resolver for each connection type they declared.
        ConnectionsModule.forRoot(),
      ],
    };
  }
}
