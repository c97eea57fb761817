import { StaffUserView } from './dto/staff-user-view.js';
import { mapNodes } from '../graphql/connection.js';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { STAFF_ROLES } from '../auth/roles.js';
import { AuthPayload } from '../auth/dto/auth.inputs.js';
import type { GraphQLContext } from '../graphql/context.js';
import { SET_PASSWORD_CODE_TTL_MS, StaffService } from './staff.service.js';
import { STAFF_MANAGERS } from './staff-rules.js';
import { StaffUserConnection } from './dto/staff-user.object.js';
import {
  ChangeMyPasswordInput,
  CreateStaffUserInput,
  ResetStaffPasswordInput,
  SetPasswordWithCodeInput,
  SetStaffUserActiveInput,
  StaffPasswordCodePayload,
  StaffUserPayload,
  StaffUsersArgs,
  UpdateStaffUserInput,
} from './dto/staff.inputs.js';

@Resolver()
export class StaffResolver {
  constructor(
    private readonly staff: StaffService,
    private readonly view: StaffUserView,
  ) {}

  @Query(() => StaffUserConnection, { description: 'Staff accounts: every one for admins, their own unit’s for a unit admin' })
  @Allow(...STAFF_MANAGERS)
  async staffUsers(@CurrentActor() actor: Actor, @Args() args: StaffUsersArgs) {
    return mapNodes(await this.staff.list(actor, args), (s) => this.view.of(s));
  }

  @Mutation(() => StaffPasswordCodePayload, { description: 'Onboards a staff member; a one-time set-password code goes to their phone' })
  @Allow(...STAFF_MANAGERS)
  async createStaffUser(@CurrentActor() actor: Actor, @Args('input') input: CreateStaffUserInput): Promise<StaffPasswordCodePayload> {
    const { staffUser, codeSent } = await this.staff.create(actor, input);
    return { staffUser: this.view.of(staffUser), codeSent, expiresInSeconds: codeSent ? SET_PASSWORD_CODE_TTL_MS / 1000 : 0 };
  }

  @Mutation(() => StaffUserPayload, { description: 'Roles, unit, display name or phone of a staff account' })
  @Allow(...STAFF_MANAGERS)
  async updateStaffUser(@CurrentActor() actor: Actor, @Args('input') input: UpdateStaffUserInput): Promise<StaffUserPayload> {
    return { staffUser: this.view.of(await this.staff.update(actor, input)) };
  }

  @Mutation(() => StaffUserPayload, { description: 'Deactivating ends the account’s sessions at once' })
  @Allow(...STAFF_MANAGERS)
  async setStaffUserActive(@CurrentActor() actor: Actor, @Args('input') input: SetStaffUserActiveInput): Promise<StaffUserPayload> {
    return { staffUser: this.view.of(await this.staff.setActive(actor, input.id, input.active)) };
  }

  @Mutation(() => StaffPasswordCodePayload, { description: 'Ends the account’s password and sessions and sends a one-time set-password code to its phone' })
  @Allow(...STAFF_MANAGERS)
  async resetStaffPassword(@CurrentActor() actor: Actor, @Args('input') input: ResetStaffPasswordInput): Promise<StaffPasswordCodePayload> {
    const reset = await this.staff.resetPassword(actor, input.id);
    return { ...reset, staffUser: this.view.of(reset.staffUser) };
  }

  @Mutation(() => AuthPayload, { description: 'Sets a staff password with the one-time code, and signs in' })
  @Public()
  setPasswordWithCode(@Args('input') input: SetPasswordWithCodeInput, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    return this.staff.setPasswordWithCode(input, ctx.request.ip);
  }

  @Mutation(() => AuthPayload, { description: 'Changes your password; your other sessions end, this one continues with the new token' })
  @Allow(...STAFF_ROLES)
  changeMyPassword(@CurrentActor() actor: Actor, @Args('input') input: ChangeMyPasswordInput, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    return this.staff.changeMyPassword(actor, input, ctx.request.ip);
  }
}
