import { Injectable } from '@nestjs/common';
import { Args, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Module } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { DataSource, IsNull } from 'typeorm';
import { Allow } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { hasRole, isStaffOfUnit, type Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { ADOPTIONS, type Adoption } from './reply.entity.js';
import { ReplyTemplateEntity } from './reply-template.entity.js';
import { AdoptionEnum, ReplyTemplateObject, toReplyTemplateObject } from './dto/reply.object.js';
import { msg } from '../common/i18n/message.js';

@InputType()
export class CreateReplyTemplateInput {
  @Field(() => Int, { nullable: true, description: 'Your unit; omit (office only) for a template shared by all units' })
  @IsOptional()
  @IsInt()
  @Min(1)
  unitId?: number | null;
  @Field() @IsString() @Length(2, 100) title: string;
  @Field() @IsString() @Length(10, 10000) body: string;
  @Field(() => AdoptionEnum, { nullable: true }) @IsOptional() @IsIn(ADOPTIONS) adoption?: Adoption | null;
}

@ObjectType()
export class ReplyTemplatePayload {
  @Field(() => ReplyTemplateObject) replyTemplate: ReplyTemplateObject;
}

@Injectable()
export class ReplyTemplatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** Unit staff see their unit's and the shared templates; the office sees all. */
  async list(actor: Actor): Promise<ReplyTemplateObject[]> {
    const repo = this.dataSource.getRepository(ReplyTemplateEntity);
    const rows = hasRole(actor, 'COORDINATOR', 'ADMIN')
      ? await repo.find({ where: { active: true }, order: { id: 'ASC' } })
      : await repo.find({ where: [{ active: true, unitId: IsNull() }, ...(actor.kind === 'staff' && actor.unitId ? [{ active: true, unitId: actor.unitId }] : [])], order: { id: 'ASC' } });
    return rows.map(toReplyTemplateObject);
  }

  async create(actor: Actor, input: CreateReplyTemplateInput): Promise<ReplyTemplateObject> {
    const unitId = input.unitId ?? null;
    const allowed = unitId === null ? hasRole(actor, 'COORDINATOR', 'ADMIN') : hasRole(actor, 'COORDINATOR', 'ADMIN') || (isStaffOfUnit(actor, unitId) && hasRole(actor, 'UNIT_ADMIN'));
    if (!allowed || actor.kind !== 'staff') throw new ForbiddenError(unitId === null ? msg('template.sharedOfficeOnly') : msg('template.unitAdminOnly'));
    return this.tx.run(async (em) => {
      const row = { unitId, title: input.title, body: input.body, adoption: input.adoption ?? null, active: true, createdById: actor.id, createdAt: this.clock.now() };
      const r = await em.insert(ReplyTemplateEntity, row);
      return toReplyTemplateObject({ ...row, id: r.identifiers[0]!.id as number });
    });
  }
}

@Resolver()
export class ReplyTemplatesResolver {
  constructor(private readonly templates: ReplyTemplatesService) {}

  @Query(() => [ReplyTemplateObject])
  @Allow('COORDINATOR', 'ADMIN', 'UNIT_HANDLER', 'UNIT_ADMIN')
  replyTemplates(@CurrentActor() actor: Actor) {
    return this.templates.list(actor);
  }

  @Mutation(() => ReplyTemplatePayload)
  @Allow('COORDINATOR', 'ADMIN', 'UNIT_ADMIN')
  async createReplyTemplate(@CurrentActor() actor: Actor, @Args('input') input: CreateReplyTemplateInput): Promise<ReplyTemplatePayload> {
    return { replyTemplate: await this.templates.create(actor, input) };
  }
}

@Module({ providers: [ReplyTemplatesService, ReplyTemplatesResolver] })
export class ReplyTemplatesModule {}
