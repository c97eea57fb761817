import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/context.js';

export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => GqlExecutionContext.create(ctx).getContext<GraphQLContext>().actor,
);
