import { Args, ArgsType, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Allow } from '../auth/access.decorator.js';
import { ADMIN_ROLES } from '../auth/roles.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { FailedJobsService } from './failed-jobs.service.js';
import { JOB_DRIVER, type JobDriver } from './job-driver.js';
import { DASHBOARD_PATH } from './queue-dashboard.js';

@ObjectType('FailedJob', { description: 'A job that failed on its last attempt (dead-lettered)' })
export class FailedJobObject {
  @Field() id: string;
  @Field() name: string;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field(() => Date, { nullable: true }) failedAt: Date | null;
}

@ArgsType()
export class FailedJobsArgs {
  @Field(() => Int, { defaultValue: 20, description: '1 to 100' })
  @IsInt()
  @Min(1)
  @Max(100)
  first: number = 20;
}

@InputType()
export class RetryFailedJobInput {
  @Field({ description: 'The id failedJobs gave' })
  @IsString()
  @MinLength(1)
  @MaxLength(191)
  id: string;
}

@ObjectType()
export class RetryFailedJobPayload {
  @Field(() => FailedJobObject, { description: 'The job as it had failed; it is now waiting to run again' }) job: FailedJobObject;
}

@Resolver()
export class FailedJobsResolver {
  constructor(
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    private readonly failed: FailedJobsService,
  ) {}

  @Query(() => [FailedJobObject], { description: 'Dead-lettered jobs, newest first (either driver); Bull Board shows more in BullMQ mode' })
  @Allow(...ADMIN_ROLES)
  failedJobs(@Args() args: FailedJobsArgs): Promise<FailedJobObject[]> {
    return this.driver.failedJobs(args.first);
  }

  @Mutation(() => RetryFailedJobPayload, {
    description: 'Runs a dead-lettered job again with a fresh set of attempts (either driver); audited. NOT_FOUND when the job is gone, CONFLICT when it has not failed',
  })
  @Allow(...ADMIN_ROLES)
  async retryFailedJob(@CurrentActor() actor: Actor, @Args('input') input: RetryFailedJobInput): Promise<RetryFailedJobPayload> {
    return { job: await this.failed.retry(actor, input.id) };
  }

  @Query(() => String, { nullable: true, description: 'Where Bull Board answers (BullMQ mode); null in embedded mode, where the outbox is the queue' })
  @Allow(...ADMIN_ROLES)
  queueDashboardPath(): string | null {
    return this.driver.kind === 'bullmq' ? DASHBOARD_PATH : null;
  }
}
