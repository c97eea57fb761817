import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { INTAKE_ROLES, OFFICE_ROLES, UNIT_ROLES } from '../auth/roles.js';
import { AUDIT_READERS, PrivacyService } from './privacy.service.js';
import {
  ContactRevealPayload,
  CounterItemConnection,
  ResidentItemsByPhoneArgs,
  DeleteMyAccountInput,
  DeleteMyAccountPayload,
  PersonalDataEventConnection,
  PersonalDataEventsArgs,
  PersonalDataExportObject,
  RevealContactInput,
  toCounterItemObject,
  toPersonalDataEventObject,
} from './dto/privacy.dto.js';
import { mapNodes } from '../graphql/connection.js';

@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @Query(() => PersonalDataExportObject, { description: 'Download everything the platform holds about you (recorded)' })
  @Allow('RESIDENT')
  exportMyData(@CurrentActor() actor: Actor): Promise<PersonalDataExportObject> {
    return this.privacy.exportMyData(actor);
  }

  @Mutation(() => DeleteMyAccountPayload, { description: 'Delete your account: phone and name erased; your suggestions stay, anonymised' })
  @Allow('RESIDENT')
  deleteMyAccount(@CurrentActor() actor: Actor, @Args('input') _input: DeleteMyAccountInput): Promise<DeleteMyAccountPayload> {
    return this.privacy.deleteMyAccount(actor);
  }

  @Mutation(() => ContactRevealPayload, { description: 'Show an item’s author’s phone and name to the office or a unit holding it; recorded with who, why and when' })
  @Allow(...OFFICE_ROLES, ...UNIT_ROLES)
  revealContact(@CurrentActor() actor: Actor, @Args('input') input: RevealContactInput): Promise<ContactRevealPayload> {
    return this.privacy.revealContact(actor, input.suggestionId, input.reason);
  }

  @Query(() => CounterItemConnection, { description: 'Counter or office staff: a resident’s items by the phone they give at the desk, to hand out replies; recorded with who, why and when' })
  @Allow(...INTAKE_ROLES)
  async residentItemsByPhone(@CurrentActor() actor: Actor, @Args() args: ResidentItemsByPhoneArgs) {
    return mapNodes(await this.privacy.residentItemsByPhone(actor, args), toCounterItemObject);
  }

  @Query(() => PersonalDataEventConnection, { description: 'The personal-data audit: reveals, exports and deletions, newest first' })
  @Allow(...AUDIT_READERS)
  async personalDataEvents(@CurrentActor() actor: Actor, @Args() args: PersonalDataEventsArgs) {
    return mapNodes(await this.privacy.events(actor, args), toPersonalDataEventObject);
  }
}
