import { Module } from '@nestjs/common';
import { StatisticsExportController } from './statistics-export.controller.js';
import { StatisticsResolver } from './statistics.resolver.js';
import { StatisticsService } from './statistics.service.js';

@Module({
  controllers: [StatisticsExportController],
  providers: [StatisticsService, StatisticsResolver],
  exports: [StatisticsService],
})
export class StatisticsModule {}
