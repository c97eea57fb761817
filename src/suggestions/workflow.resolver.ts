import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Allow } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { ALL_ROLES, OFFICE_ROLES, UNIT_ROLES } from '../auth/roles.js';
import { ExtensionRequestConnection, toExtensionRequestObject } from '../assignments/dto/assignment.object.js';
import { ConnectionArgs, mapNodes } from '../graphql/connection.js';
import { toRatingObject, toReplyObject } from '../replies/dto/reply.object.js';
import { SuggestionConnection, SuggestionObject, toSuggestionObject } from './dto/suggestion.object.js';
import {
  AssignSuggestionInput,
  ContributeInput,
  DecideExtensionInput,
  ExtensionRequestPayload,
  MergeSuggestionInput,
  OverdueBoardArgs,
  ProgressNoteInput,
  RateReplyInput,
  RatingPayload,
  RepliesPayload,
  ReplyPayload,
  ReplyToSuggestionInput,
  ReplyToSuggestionsInput,
  RequestExtensionInput,
  ReviewReplyInput,
  ScreeningQueueArgs,
  SuggestionIdInput,
  SuggestionPayload,
  SuggestionReasonInput,
  SuggestionsPayload,
  TransferSuggestionInput,
  UnitInboxArgs,
} from './dto/workflow.inputs.js';
import { SuggestionQueriesService } from './suggestion-queries.service.js';
import { ClosingService } from './closing.service.js';
import { ReplyingService } from './replying.service.js';
import { ScreeningService } from './screening.service.js';
import { UnitWorkService } from './unit-work.service.js';
import type { SuggestionEntity } from './suggestion.entity.js';

const payload = (s: SuggestionEntity): SuggestionPayload => ({ suggestion: toSuggestionObject(s) });

@Resolver()
export class WorkflowResolver {
  constructor(
    private readonly screening: ScreeningService,
    private readonly unitWork: UnitWorkService,
    private readonly replying: ReplyingService,
    private readonly closing: ClosingService,
    private readonly queries: SuggestionQueriesService,
  ) {}

  // ---- queries ----

  @Query(() => SuggestionConnection, { description: 'New and returned items awaiting screening, oldest first' })
  @Allow(...OFFICE_ROLES)
  async screeningQueue(@CurrentActor() actor: Actor, @Args() args: ScreeningQueueArgs) {
    return mapNodes(await this.queries.screeningQueue(actor, args), toSuggestionObject);
  }

  @Query(() => SuggestionConnection, { description: 'Your unit’s items, soonest deadline first' })
  @Allow(...UNIT_ROLES)
  async unitInbox(@CurrentActor() actor: Actor, @Args() args: UnitInboxArgs) {
    return mapNodes(await this.queries.unitInbox(actor, args), toSuggestionObject);
  }

  @Query(() => SuggestionConnection, { description: '督办: items across units past their reply deadline and still held (to sign or in progress), longest overdue first' })
  @Allow(...OFFICE_ROLES)
  async overdueBoard(@CurrentActor() actor: Actor, @Args() args: OverdueBoardArgs) {
    return mapNodes(await this.queries.overdueBoard(actor, args), toSuggestionObject);
  }

  @Query(() => ExtensionRequestConnection, { description: 'Extension requests awaiting the office’s decision, oldest first' })
  @Allow(...OFFICE_ROLES)
  async pendingExtensionRequests(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs) {
    return mapNodes(await this.queries.pendingExtensionRequests(actor, args), toExtensionRequestObject);
  }

  @Query(() => SuggestionConnection, { description: 'Items whose reply awaits the office’s review, soonest reply deadline first' })
  @Allow(...OFFICE_ROLES)
  async replyReviewQueue(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs) {
    return mapNodes(await this.queries.replyReviewQueue(actor, args), toSuggestionObject);
  }

  @Query(() => SuggestionObject, { nullable: true, description: 'One item with its full record, for those who may read it' })
  @Allow(...ALL_ROLES)
  async suggestion(@CurrentActor() actor: Actor, @Args('id', { type: () => Int }) id: number) {
    const s = await this.queries.get(actor, id);
    return s && toSuggestionObject(s);
  }

  // ---- screening ----

  @Mutation(() => SuggestionsPayload, { description: 'Accept and route one or many items to a lead unit and co-organisers' })
  @Allow(...OFFICE_ROLES)
  async assignSuggestion(@CurrentActor() actor: Actor, @Args('input') input: AssignSuggestionInput): Promise<SuggestionsPayload> {
    return { suggestions: (await this.screening.assign(actor, input)).map(toSuggestionObject) };
  }

  @Mutation(() => SuggestionPayload)
  @Allow(...OFFICE_ROLES)
  async rejectSuggestion(@CurrentActor() actor: Actor, @Args('input') input: SuggestionReasonInput) {
    return payload(await this.screening.reject(actor, input));
  }

  @Mutation(() => SuggestionPayload, { description: 'Merge a duplicate into another item; its author follows the target' })
  @Allow(...OFFICE_ROLES)
  async mergeSuggestion(@CurrentActor() actor: Actor, @Args('input') input: MergeSuggestionInput) {
    return payload(await this.screening.merge(actor, input));
  }

  @Mutation(() => SuggestionPayload)
  @Allow(...OFFICE_ROLES)
  async transferSuggestion(@CurrentActor() actor: Actor, @Args('input') input: TransferSuggestionInput) {
    return payload(await this.screening.transfer(actor, input));
  }

  @Mutation(() => SuggestionPayload, { description: 'Close an item with a reason (办结销号)' })
  @Allow(...OFFICE_ROLES)
  async closeSuggestion(@CurrentActor() actor: Actor, @Args('input') input: SuggestionReasonInput) {
    return payload(await this.closing.close(actor, input));
  }

  @Mutation(() => SuggestionPayload, { description: 'The author withdraws an item not yet screened' })
  @Allow('RESIDENT')
  async withdrawSuggestion(@CurrentActor() actor: Actor, @Args('input') input: SuggestionIdInput) {
    return payload(await this.screening.withdraw(actor, input));
  }

  // ---- unit work ----

  @Mutation(() => SuggestionPayload, { description: '签收: the lead unit starts work; a co-organiser signs for its part' })
  @Allow(...UNIT_ROLES)
  async signSuggestion(@CurrentActor() actor: Actor, @Args('input') input: SuggestionIdInput) {
    return payload(await this.unitWork.sign(actor, input));
  }

  @Mutation(() => SuggestionPayload, { description: 'The lead unit returns a misrouted item to the office, with a reason' })
  @Allow(...UNIT_ROLES)
  async returnSuggestion(@CurrentActor() actor: Actor, @Args('input') input: SuggestionReasonInput) {
    return payload(await this.screening.returnToOffice(actor, input));
  }

  @Mutation(() => SuggestionPayload)
  @Allow(...OFFICE_ROLES, ...UNIT_ROLES)
  async addProgressNote(@CurrentActor() actor: Actor, @Args('input') input: ProgressNoteInput) {
    return payload(await this.unitWork.addProgressNote(actor, input));
  }

  @Mutation(() => SuggestionPayload, { description: 'A co-organiser contributes its part of the answer (协办意见)' })
  @Allow(...UNIT_ROLES)
  async contributeToSuggestion(@CurrentActor() actor: Actor, @Args('input') input: ContributeInput) {
    return payload(await this.unitWork.contribute(actor, input));
  }

  @Mutation(() => ExtensionRequestPayload)
  @Allow(...UNIT_ROLES)
  async requestExtension(@CurrentActor() actor: Actor, @Args('input') input: RequestExtensionInput): Promise<ExtensionRequestPayload> {
    return { extensionRequest: toExtensionRequestObject(await this.unitWork.requestExtension(actor, input)) };
  }

  @Mutation(() => ExtensionRequestPayload)
  @Allow(...OFFICE_ROLES)
  async decideExtension(@CurrentActor() actor: Actor, @Args('input') input: DecideExtensionInput): Promise<ExtensionRequestPayload> {
    return { extensionRequest: toExtensionRequestObject(await this.unitWork.decideExtension(actor, input)) };
  }

  @Mutation(() => ReplyPayload)
  @Allow(...UNIT_ROLES)
  async replyToSuggestion(@CurrentActor() actor: Actor, @Args('input') input: ReplyToSuggestionInput): Promise<ReplyPayload> {
    const r = await this.replying.reply(actor, input);
    return { suggestion: toSuggestionObject(r.suggestion), reply: toReplyObject(r.reply) };
  }

  @Mutation(() => RepliesPayload, { description: 'One reply sent to many items at once (all or nothing)' })
  @Allow(...UNIT_ROLES)
  async replyToSuggestions(@CurrentActor() actor: Actor, @Args('input') input: ReplyToSuggestionsInput): Promise<RepliesPayload> {
    const results = await this.replying.replyMany(actor, input);
    return { results: results.map((r) => ({ suggestion: toSuggestionObject(r.suggestion), reply: toReplyObject(r.reply) })) };
  }

  @Mutation(() => ReplyPayload, { description: 'Approve (publish) or send back a reply awaiting review' })
  @Allow(...OFFICE_ROLES)
  async reviewReply(@CurrentActor() actor: Actor, @Args('input') input: ReviewReplyInput): Promise<ReplyPayload> {
    const r = await this.replying.reviewReply(actor, input);
    return { suggestion: toSuggestionObject(r.suggestion), reply: toReplyObject(r.reply) };
  }

  @Mutation(() => RatingPayload, { description: 'The author rates the published reply, once' })
  @Allow('RESIDENT')
  async rateReply(@CurrentActor() actor: Actor, @Args('input') input: RateReplyInput, @Context() ctx: GraphQLContext): Promise<RatingPayload> {
    const r = await this.closing.rate(actor, input, ctx.request.ip);
    return { suggestion: toSuggestionObject(r.suggestion), rating: toRatingObject(r.rating) };
  }
}
