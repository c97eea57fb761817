import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthChecks } from './health-checks.js';
import { Metrics } from '../metrics/metrics.js';

@Global()
@Module({ controllers: [HealthController], providers: [Metrics, HealthChecks], exports: [Metrics, HealthChecks] })
export class HealthModule {}
