import { Args, ArgsType, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { Allow } from '../auth/access.decorator.js';
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

@Resolver()
export class FailedJobsResolver {
  constructor(@Inject(JOB_DRIVER) private readonly driver: JobDriver) {}

  @Query(() => [FailedJobObject], { description: 'Dead-lettered jobs, newest first (either driver); Bull Board shows more in BullMQ mode' })
  @Allow('ADMIN')
  failedJobs(@Args() args: FailedJobsArgs): Promise<FailedJobObject[]> {
    return this.driver.failedJobs(args.first);
  }

  @Query(() => String, { nullable: true, description: 'Where Bull Board answers (BullMQ mode); null in embedded mode, where the outbox is the queue' })
  @Allow('ADMIN')
  queueDashboardPath(): string | null {
    return this.driver.kind === 'bullmq' ? DASHBOARD_PATH : null;
  }
}
