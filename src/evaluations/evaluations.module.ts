import { Module } from '@nestjs/common';
import { EvaluationsResolver } from './evaluations.resolver.js';
import { EvaluationsService } from './evaluations.service.js';
import { StaffModule } from '../staff/staff.module.js';

/** The 金秤砣 evaluator panel: accounts, rubric reviews of published replies, opinions answered by the office. */
@Module({ imports: [StaffModule], providers: [EvaluationsService, EvaluationsResolver], exports: [EvaluationsService] })
export class EvaluationsModule {}
