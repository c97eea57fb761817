import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Allow } from '../auth/access.decorator.js';
import { HttpActor } from '../auth/http-actor.js';
import type { Actor } from '../auth/actor.js';
import { NotFoundError } from '../common/errors.js';
import { AwardQueriesService, ROUND_VIEWERS } from './award-queries.service.js';
import {
  AWARD_EXPORT_CONTENT_TYPES,
  AWARD_EXPORT_FORMATS,
  AWARD_EXPORT_PARTS,
  awardExportFileName,
  renderAwardRound,
  type AwardExportFormat,
  type AwardExportPart,
} from './award-export.js';
import { toUnitScoreObject } from './dto/award.objects.js';
import { parseQuarter } from '../calendar/quarters.js';

export class AwardExportQuery {
  @IsString() @MaxLength(10) quarter: string;
  @IsIn(AWARD_EXPORT_FORMATS) format: AwardExportFormat = 'xlsx';
  /** CSV holds one table: unit scores or citizen scores. */
  @IsIn(AWARD_EXPORT_PARTS) part: AwardExportPart = 'units';
}

/**
 * GET /exports/awards?quarter=2026Q3&format=xlsx, or &format=csv&part=units|citizens, with
 * `Authorization: Bearer <token>` of a coordinator, auditor or admin (any status of round).
 */
@Controller('exports')
export class AwardExportController {
  constructor(private readonly queries: AwardQueriesService) {}

  @Get('awards')
  @Allow(...ROUND_VIEWERS)
  async export(@HttpActor() actor: Actor, @Query() query: AwardExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const quarter = parseQuarter(query.quarter);
    const round = await this.queries.round(actor, quarter.key);
    if (!round || round.status === 'DRAFT') throw new NotFoundError('ComputedAwardRound', quarter.key);
    const { units, citizens } = await this.queries.exportRows(round);
    const body = await renderAwardRound(round, units.map(toUnitScoreObject), citizens, query.format, query.part);
    await reply
      .header('content-type', AWARD_EXPORT_CONTENT_TYPES[query.format])
      .header('content-disposition', `attachment; filename="${awardExportFileName(round, query.format, query.part)}"`)
      .header('cache-control', 'no-store')
      .send(body);
  }
}
