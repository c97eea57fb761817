import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../auth/access.decorator.js';
import { CalendarService } from './calendar.service.js';
import { CalendarDayObject, CalendarDaysArgs, SetCalendarDayInput, SetCalendarDayPayload } from './dto/calendar.dto.js';

@Resolver()
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Query(() => [CalendarDayObject], { description: 'Holidays and make-up working days of a year' })
  @Public()
  calendarDays(@Args() args: CalendarDaysArgs): Promise<CalendarDayObject[]> {
    return this.calendar.list(args.year);
  }

  @Mutation(() => SetCalendarDayPayload)
  @Allow('ADMIN')
  async setCalendarDay(@Args('input') input: SetCalendarDayInput): Promise<SetCalendarDayPayload> {
    return { date: input.date, day: await this.calendar.setDay(input.date, input.kind ?? null, input.name ?? null) };
  }
}
