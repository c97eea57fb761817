import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { CalendarDayKind } from '../calendar-day.entity.js';
import { messageKey } from '../../common/i18n/message.js';

export const CalendarDayKindEnum = { HOLIDAY: 'HOLIDAY', WORKDAY: 'WORKDAY' } as const;
registerEnumType(CalendarDayKindEnum, { name: 'CalendarDayKind', description: 'HOLIDAY (法定节假日) or WORKDAY (调休上班)' });

@ObjectType('CalendarDay', { description: 'An exception to Monday–Friday working days' })
export class CalendarDayObject {
  @Field() date: string;
  @Field(() => CalendarDayKindEnum) kind: CalendarDayKind;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field() source: string;
}

@ArgsType()
export class CalendarDaysArgs {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
}

@InputType()
export class SetCalendarDayInput {
  @Field({ description: 'YYYY-MM-DD (Asia/Shanghai)' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: messageKey('input.dateFormat') }) date: string;
  @Field(() => CalendarDayKindEnum, { nullable: true, description: 'null removes the exception' })
  @IsOptional()
  @IsIn(['HOLIDAY', 'WORKDAY'])
  kind?: CalendarDayKind | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(50) name?: string | null;
}

@ObjectType()
export class SetCalendarDayPayload {
  @Field() date: string;
  @Field(() => CalendarDayObject, { nullable: true }) day: CalendarDayObject | null;
}
