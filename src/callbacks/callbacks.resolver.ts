import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { CallbacksService } from './callbacks.service.js';
import { CallbackTaskView } from './dto/callback-task-view.js';
import { CallbackTaskConnection, CallbackTasksArgs, CompleteCallbackTaskInput, CompleteCallbackTaskPayload } from './dto/callback-task.dto.js';

@Resolver()
export class CallbacksResolver {
  constructor(
    private readonly callbacks: CallbacksService,
    private readonly view: CallbackTaskView,
  ) {}

  @Query(() => CallbackTaskConnection, {
    description: 'Follow-up calls (回访) owed after replies: the office and auditors read all; a unit’s staff those of the items their unit handles (lead or co-organiser)',
  })
  @Allow('COORDINATOR', 'AUDITOR', 'UNIT_HANDLER', 'UNIT_ADMIN')
  async callbackTasks(@CurrentActor() actor: Actor, @Args() args: CallbackTasksArgs) {
    return this.view.connection(await this.callbacks.list(actor, args));
  }

  @Mutation(() => CompleteCallbackTaskPayload, { description: 'Record the outcome of a follow-up call' })
  @Allow('COORDINATOR')
  async completeCallbackTask(@CurrentActor() actor: Actor, @Args('input') input: CompleteCallbackTaskInput): Promise<CompleteCallbackTaskPayload> {
    return { task: await this.view.of(await this.callbacks.complete(actor, input)) };
  }
}
