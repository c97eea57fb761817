import { Global, Module } from '@nestjs/common';
import { CalendarResolver } from './calendar.resolver.js';
import { CalendarService } from './calendar.service.js';

@Global()
@Module({ providers: [CalendarService, CalendarResolver], exports: [CalendarService] })
export class CalendarModule {}
