import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, Public } from '../auth/access.decorator.js';
import type { Actor } from '../auth/actor.js';
import { keepsLedger, LEDGER_READERS, LEDGER_WRITERS } from './disclosure-ledger.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import type { Outcome } from './disclosure-codes.js';
import { correctionNoticeDeadline } from './disclosure-deadlines.js';
import { availableSteps, decidableOutcomes } from './disclosure-workflow.js';
import { caseMayConclude } from './administrative-case-lifecycle.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { GraphQLContext } from '../graphql/context.js';
import { DisclosureReportService } from './disclosure-report.service.js';
import { disclosureLoaders } from './disclosure-loaders.js';
import { formatLedgerNumber } from './ledger-number.js';
import { DisclosureCasesService } from './disclosure-cases.service.js';
import { DisclosureReadsService } from './disclosure-reads.service.js';
import { DisclosureRequestsService } from './disclosure-requests.service.js';
import { DisclosureRequestView } from './dto/disclosure-request-view.js';
import { mapNodes } from '../graphql/connection.js';
import { DisclosureAnnualReportObject, toAnnualReportObject } from './dto/disclosure-report.object.js';
import {
  AdministrativeCasePayload,
  CompleteDisclosureCallbackInput,
  DecideDisclosureRequestInput,
  DisclosureCasesArgs,
  DisclosureContactPayload,
  DisclosureReportArgs,
  DisclosureRequestArgs,
  DisclosureRequestIdInput,
  DisclosureRequestPayload,
  DisclosureRequestsArgs,
  ExtendDisclosureRequestInput,
  RecordAdministrativeCaseInput,
  RecordDisclosureCorrectionInput,
  RecordLegalReviewInput,
  RegisterDisclosureRequestInput,
  RequestDisclosureCorrectionInput,
} from './dto/disclosure.inputs.js';
import {
  DisclosureCaseConnection,
  DisclosureCaseObject,
  DisclosureEventObject,
  DisclosureRequestConnection,
  DisclosureRequestObject,
  OutcomeEnum,
  toDisclosureCaseObject,
  toDisclosureEventObject,
} from './dto/disclosure.object.js';

@Resolver(() => DisclosureRequestObject)
export class DisclosureResolver {
  constructor(
    private readonly requests: DisclosureRequestsService,
    private readonly cases: DisclosureCasesService,
    private readonly reads: DisclosureReadsService,
    private readonly view: DisclosureRequestView,
    private readonly reports: DisclosureReportService,
    private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Query(() => DisclosureRequestConnection, { description: 'The disclosure ledger (依申请公开), newest first' })
  @Allow(...LEDGER_READERS)
  async disclosureRequests(@CurrentActor() actor: Actor, @Args() args: DisclosureRequestsArgs) {
    return mapNodes(await this.reads.list(actor, args), (r) => this.view.of(r));
  }

  @Query(() => DisclosureRequestObject, { nullable: true, description: 'One ledger entry, by id or ledger number' })
  @Allow(...LEDGER_READERS)
  async disclosureRequest(@CurrentActor() actor: Actor, @Args() args: DisclosureRequestArgs) {
    const row = await this.reads.get(actor, args);
    return row && this.view.of(row);
  }

  @Query(() => DisclosureCaseConnection, { description: 'Administrative reviews and lawsuits about disclosure, newest first' })
  @Allow(...LEDGER_READERS)
  async disclosureAdministrativeCases(@CurrentActor() actor: Actor, @Args() args: DisclosureCasesArgs) {
    return mapNodes(await this.reads.listCases(actor, args), toDisclosureCaseObject);
  }

  @Query(() => DisclosureAnnualReportObject, {
    description: 'Section 三 and 四 of the statutory annual report for a year, from the ledger; public, as the report is published',
  })
  @Public()
  async disclosureAnnualReport(@Args() args: DisclosureReportArgs): Promise<DisclosureAnnualReportObject> {
    return toAnnualReportObject(await this.reports.annualReport(args.year));
  }

  @ResolveField(() => [DisclosureEventObject], { description: 'What happened to the request, oldest first' })
  async history(@Parent() request: DisclosureRequestObject, @Context() ctx: GraphQLContext): Promise<DisclosureEventObject[]> {
    return (await disclosureLoaders(ctx, this.dataSource).events.load(request.id)).map((e) => toDisclosureEventObject(e, request));
  }

  @ResolveField(() => [DisclosureCaseObject], { description: 'Reviews and lawsuits about this request' })
  async administrativeCases(@Parent() request: DisclosureRequestObject, @Context() ctx: GraphQLContext): Promise<DisclosureCaseObject[]> {
    return (await disclosureLoaders(ctx, this.dataSource).cases.load(request.id)).map(toDisclosureCaseObject);
  }

  @ResolveField(() => [String], {
    description:
      'Steps you may take on this entry now, as the ledger rules allow (the office only): extend, requestCorrection, recordCorrection, recordLegalReview, decide, completeCallback, revealContact, recordAdministrativeCase',
  })
  async availableActions(@Parent() request: DisclosureRequestObject, @Context() ctx: GraphQLContext): Promise<string[]> {
    if (!keepsLedger(ctx.actor)) return [];
    const calendar = await this.calendar.calendar();
    const steps: string[] = availableSteps(request, this.clock.now(), correctionNoticeDeadline(calendar, request.receivedAt));
    return [...steps, 'revealContact', 'recordAdministrativeCase'];
  }

  @ResolveField(() => [OutcomeEnum], { description: 'Outcomes decideDisclosureRequest would accept now (the office only; none before the legal review)' })
  decidableOutcomes(@Parent() request: DisclosureRequestObject, @Context() ctx: GraphQLContext): Outcome[] {
    return keepsLedger(ctx.actor) ? decidableOutcomes(request) : [];
  }

  @Mutation(() => DisclosureRequestPayload, { description: 'Registers a request; its reply is due 20 working days after receipt' })
  @Allow(...LEDGER_WRITERS)
  async registerDisclosureRequest(@CurrentActor() actor: Actor, @Args('input') input: RegisterDisclosureRequestInput): Promise<DisclosureRequestPayload> {
    return { request: this.view.of(await this.requests.register(actor, input)) };
  }

  @Mutation(() => DisclosureRequestPayload, { description: 'The one extension, up to 20 working days, before the period ends' })
  @Allow(...LEDGER_WRITERS)
  async extendDisclosureRequest(@CurrentActor() actor: Actor, @Args('input') input: ExtendDisclosureRequestInput): Promise<DisclosureRequestPayload> {
    return { request: this.view.of(await this.requests.extend(actor, input)) };
  }

  @Mutation(() => DisclosureRequestPayload, { description: '补正: ask the applicant to correct the request; the clock pauses' })
  @Allow(...LEDGER_WRITERS)
  async requestDisclosureCorrection(@CurrentActor() actor: Actor, @Args('input') input: RequestDisclosureCorrectionInput): Promise<DisclosureRequestPayload> {
    return { request: this.view.of(await this.requests.requestCorrection(actor, input)) };
  }

  @Mutation(() => DisclosureRequestPayload, { description: 'The corrected request arrived; the due date moves by the working days paused' })
  @Allow(...LEDGER_WRITERS)
  async recordDisclosureCorrection(@CurrentActor() actor: Actor, @Args('input') input: RecordDisclosureCorrectionInput): Promise<DisclosureRequestPayload> {
    return { request: this.view.of(await this.requests.recordCorrection(actor, input)) };
  }

  @Mutation(() => DisclosureRequestPayload, { description: '合法性审核 of the reply: reviewer and date; required before deciding' })
  @Allow(...LEDGER_WRITERS)
  async recordLegalReview(@CurrentActor() actor: Actor, @Args('input') input: RecordLegalReviewInput): Promise<DisclosureRequestPayload> {
    return { request: this.view.of(await this.requests.recordLegalReview(actor, input)) };
  }

  @Mutation(() => DisclosureRequestPayload, { description: 'Records the reply sent and its statutory outcome; opens the follow-up call' })
  @Allow(...LEDGER_WRITERS)
  async decideDisclosureRequest(@CurrentActor() actor: Actor, @Args('input') input: DecideDisclosureRequestInput): Promise<DisclosureRequestPayload> {
    return { request: this.view.of(await this.requests.decide(actor, input)) };
  }

  @Mutation(() => AdministrativeCasePayload, { description: 'Records a review or lawsuit, or concludes a pending one' })
  @Allow(...LEDGER_WRITERS)
  async recordAdministrativeCase(@CurrentActor() actor: Actor, @Args('input') input: RecordAdministrativeCaseInput): Promise<AdministrativeCasePayload> {
    return { administrativeCase: toDisclosureCaseObject(await this.cases.recordCase(actor, input)) };
  }

  @Mutation(() => DisclosureRequestPayload, { description: 'Records the follow-up call (回访) after the reply' })
  @Allow(...LEDGER_WRITERS)
  async completeDisclosureCallback(@CurrentActor() actor: Actor, @Args('input') input: CompleteDisclosureCallbackInput): Promise<DisclosureRequestPayload> {
    return { request: this.view.of(await this.requests.completeCallback(actor, input)) };
  }

  @Mutation(() => DisclosureContactPayload, { description: 'Shows the applicant’s name and number for the follow-up call; recorded in the history' })
  @Allow(...LEDGER_WRITERS)
  revealDisclosureContact(@CurrentActor() actor: Actor, @Args('input') input: DisclosureRequestIdInput): Promise<DisclosureContactPayload> {
    return this.requests.revealContact(actor, input.id);
  }
}

@Resolver(() => DisclosureCaseObject)
export class DisclosureCaseResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveField(() => String, { nullable: true, description: 'Ledger number of the request the case is about (null when it is about none)' })
  async ledgerNumber(@Parent() c: DisclosureCaseObject, @Context() ctx: GraphQLContext): Promise<string | null> {
    if (c.requestId == null) return null;
    const r = await disclosureLoaders(ctx, this.dataSource).requests.load(c.requestId);
    return r ? formatLedgerNumber(r.ledgerYear, r.ledgerSequence) : null;
  }

  @ResolveField(() => [String], { description: 'What you may do with this case now through recordAdministrativeCase: conclude (a pending case, the office only)' })
  availableActions(@Parent() c: DisclosureCaseObject, @Context() ctx: GraphQLContext): string[] {
    return keepsLedger(ctx.actor) && caseMayConclude(c) ? ['conclude'] : [];
  }
}

@Resolver(() => DisclosureEventObject)
export class DisclosureEventResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveField(() => String, { nullable: true, description: 'Display name of the staff member who acted; null for the system' })
  async actorName(@Parent() e: DisclosureEventObject, @Context() ctx: GraphQLContext): Promise<string | null> {
    if (e.actorId == null) return null;
    return (await disclosureLoaders(ctx, this.dataSource).staff.load(e.actorId))?.displayName ?? null;
  }
}
