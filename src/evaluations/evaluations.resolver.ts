import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/access.decorator.js';
import { OFFICE_ROLES } from '../auth/roles.js';
import { EVALUATOR_KEEPERS, PANEL_READERS } from './evaluation-access.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { EvaluationsService } from './evaluations.service.js';
import { standingOnRecord } from '../privacy/text-visibility.js';
import {
  AnswerEvaluatorOpinionInput,
  CreateEvaluatorInput,
  EvaluateReplyInput,
  EvaluatorReviewsArgs,
  EvaluatorsArgs,
  RepliesForEvaluationArgs,
  SetEvaluatorActiveInput,
} from './dto/evaluation.inputs.js';
import {
  AnswerEvaluatorOpinionPayload,
  EvaluateReplyPayload,
  EvaluatorConnection,
  EvaluatorPayload,
  EvaluatorReviewConnection,
  ReplyForEvaluationConnection,
  toEvaluatorObject,
  toOpinionObject,
  toReplyForEvaluation,
  toReviewObject,
} from './dto/evaluation.objects.js';

@Resolver()
export class EvaluationsResolver {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Query(() => EvaluatorConnection, { description: 'Evaluator (金秤砣评议员) accounts' })
  @Allow(...EVALUATOR_KEEPERS)
  async evaluators(@CurrentActor() actor: Actor, @Args() args: EvaluatorsArgs) {
    const page = await this.evaluations.evaluators(actor, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toEvaluatorObject(e.node) })) };
  }

  @Mutation(() => EvaluatorPayload, { description: 'Create an evaluator account (role EVALUATOR only)' })
  @Allow(...EVALUATOR_KEEPERS)
  async createEvaluator(@CurrentActor() actor: Actor, @Args('input') input: CreateEvaluatorInput): Promise<EvaluatorPayload> {
    return { evaluator: toEvaluatorObject(await this.evaluations.createEvaluator(actor, input)) };
  }

  @Mutation(() => EvaluatorPayload, { description: 'Deactivate or reactivate an evaluator account' })
  @Allow(...EVALUATOR_KEEPERS)
  async setEvaluatorActive(@CurrentActor() actor: Actor, @Args('input') input: SetEvaluatorActiveInput): Promise<EvaluatorPayload> {
    return { evaluator: toEvaluatorObject(await this.evaluations.setEvaluatorActive(actor, input.id, input.active)) };
  }

  @Query(() => ReplyForEvaluationConnection, { description: 'Published replies for the panel, newest first; residents masked' })
  @Allow(...PANEL_READERS)
  async repliesForEvaluation(@CurrentActor() actor: Actor, @Args() args: RepliesForEvaluationArgs) {
    const page = await this.evaluations.repliesForEvaluation(actor, args);
    const standing = standingOnRecord(actor);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toReplyForEvaluation(e.node, standing) })) };
  }

  @Mutation(() => EvaluateReplyPayload, { description: 'Mark a published reply on the rubric (1–5 each), once per evaluator, with an optional opinion' })
  @Allow('EVALUATOR')
  async evaluateReply(@CurrentActor() actor: Actor, @Args('input') input: EvaluateReplyInput): Promise<EvaluateReplyPayload> {
    const { review, opinion } = await this.evaluations.evaluateReply(actor, input);
    return { review: toReviewObject(review, opinion, standingOnRecord(actor)) };
  }

  @Query(() => EvaluatorReviewConnection, {
    description: 'Reviews and their opinions, newest first: evaluators see their own, unit staff their unit’s, the office all',
  })
  @Allow('EVALUATOR', 'COORDINATOR', 'ADMIN', 'AUDITOR', 'UNIT_ADMIN', 'UNIT_HANDLER')
  async evaluatorReviews(@CurrentActor() actor: Actor, @Args() args: EvaluatorReviewsArgs) {
    const page = await this.evaluations.reviews(actor, args);
    const standing = standingOnRecord(actor);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toReviewObject(e.node.review, e.node.opinion, standing, e.node.showEvaluator) })) };
  }

  @Mutation(() => AnswerEvaluatorOpinionPayload, { description: 'Answer an evaluator’s opinion, which closes it' })
  @Allow(...OFFICE_ROLES)
  async answerEvaluatorOpinion(@CurrentActor() actor: Actor, @Args('input') input: AnswerEvaluatorOpinionInput): Promise<AnswerEvaluatorOpinionPayload> {
    return { opinion: toOpinionObject(await this.evaluations.answerOpinion(actor, input), standingOnRecord(actor)) };
  }
}
