import { Injectable } from '@nestjs/common';
import { Args, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Module } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { Allow } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { hasRole, isStaffOfUnit, type Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
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

@InputType()
export class UpdateReplyTemplateInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field() @IsString() @Length(2, 100) title: string;
  @Field() @IsString() @Length(10, 10000) body: string;
  @Field(() => AdoptionEnum, { nullable: true, description: 'The decision the template suggests; null for none' }) @IsOptional() @IsIn(ADOPTIONS) adoption?: Adoption | null;
}

@InputType()
export class RetireReplyTemplateInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
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
    if (!mayKeepTemplates(actor, unitId) || actor.kind !== 'staff') throw new ForbiddenError(unitId === null ? msg('template.sharedOfficeOnly') : msg('template.unitAdminOnly'));
    return this.tx.run(async (em) => {
      const row = { unitId, title: input.title, body: input.body, adoption: input.adoption ?? null, active: true, createdById: actor.id, createdAt: this.clock.now() };
      const r = await em.insert(ReplyTemplateEntity, row);
      return toReplyTemplateObject({ ...row, id: r.identifiers[0]!.id as number });
    });
  }

  /** New title, text and suggested decision; replies already sent from it keep their own text. */
  async update(actor: Actor, input: UpdateReplyTemplateInput): Promise<ReplyTemplateObject> {
    return this.tx.run(async (em) => {
      const t = await this.keptBy(em, actor, input.id);
      const change = { title: input.title, body: input.body, adoption: input.adoption ?? null };
      const res = await em.update(ReplyTemplateEntity, { id: t.id, active: true }, change);
      if (!res.affected) throw new ConflictError(msg('template.retired'), { active: false });
      return toReplyTemplateObject({ ...t, ...change });
    });
  }

  /** Retired: no longer listed nor accepted for a new reply (checkReplyContent); replies that used it keep their text. */
  async retire(actor: Actor, id: number): Promise<ReplyTemplateObject> {
    return this.tx.run(async (em) => {
      const t = await this.keptBy(em, actor, id);
      const res = await em.update(ReplyTemplateEntity, { id: t.id, active: true }, { active: false });
      if (!res.affected) throw new ConflictError(msg('template.retired'), { active: false });
      return toReplyTemplateObject({ ...t, active: false });
    });
  }

  /** The template, if this actor keeps it (the create rule) and it is still in use. */
  private async keptBy(em: EntityManager, actor: Actor, id: number): Promise<ReplyTemplateEntity> {
    const t = await em.findOneBy(ReplyTemplateEntity, { id });
    if (!t) throw new NotFoundError('ReplyTemplate', id);
    if (!mayKeepTemplates(actor, t.unitId)) throw new ForbiddenError(t.unitId === null ? msg('template.editSharedOfficeOnly') : msg('template.editUnitAdminOnly'));
    if (!t.active) throw new ConflictError(msg('template.retired'), { active: false });
    return t;
  }
}

/** Shared templates are the office's; a unit's, the office's or that unit's admin's. */
function mayKeepTemplates(actor: Actor, unitId: number | null): boolean {
  if (hasRole(actor, 'COORDINATOR', 'ADMIN')) return true;
  return unitId !== null && isStaffOfUnit(actor, unitId) && hasRole(actor, 'UNIT_ADMIN');
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

  @Mutation(() => ReplyTemplatePayload, { description: 'Rewrites a template (the office: any; a unit admin: their unit’s)' })
  @Allow('COORDINATOR', 'ADMIN', 'UNIT_ADMIN')
  async updateReplyTemplate(@CurrentActor() actor: Actor, @Args('input') input: UpdateReplyTemplateInput): Promise<ReplyTemplatePayload> {
    return { replyTemplate: await this.templates.update(actor, input) };
  }

  @Mutation(() => ReplyTemplatePayload, { description: 'Retires a template: no longer offered or accepted for new replies; sent replies keep their text' })
  @Allow('COORDINATOR', 'ADMIN', 'UNIT_ADMIN')
  async retireReplyTemplate(@CurrentActor() actor: Actor, @Args('input') input: RetireReplyTemplateInput): Promise<ReplyTemplatePayload> {
    return { replyTemplate: await this.templates.retire(actor, input.id) };
  }
}

@Module({ providers: [ReplyTemplatesService, ReplyTemplatesResolver] })
export class ReplyTemplatesModule {}
