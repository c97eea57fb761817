import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { CALENDAR_KEEPERS, CalendarService } from './calendar.service.js';
import { CalendarDayObject, CalendarDaysArgs, SetCalendarDayInput, SetCalendarDayPayload } from './dto/calendar.dto.js';

@Resolver()
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Query(() => [CalendarDayObject], { description: 'Holidays and make-up working days of a year' })
  @Public()
  calendarDays(@Args() args: CalendarDaysArgs): Promise<CalendarDayObject[]> {
    return this.calendar.list(args.year);
  }

  // The office keeps the local changes (issue 15); admins could already.
  @Mutation(() => SetCalendarDayPayload, { description: 'Set a local change for a date, or remove it (kind null): an official day then comes back' })
  @Allow(...CALENDAR_KEEPERS)
  async setCalendarDay(@CurrentActor() actor: Actor, @Args('input') input: SetCalendarDayInput): Promise<SetCalendarDayPayload> {
    return { date: input.date, day: await this.calendar.setDay(actor, input.date, input.kind ?? null, input.name ?? null) };
  }
}
