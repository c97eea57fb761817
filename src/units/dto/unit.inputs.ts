import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { UNIT_KINDS, type UnitKind } from '../unit.entity.js';
import { UnitKindEnum, UnitObject } from './unit.object.js';
import { ConnectionArgs } from '../../graphql/connection.js';
import { messageKey } from '../../common/i18n/message.js';

@InputType()
export class CreateUnitInput {
  @Field() @IsString() @Matches(/^[A-Z0-9_-]{2,32}$/, { message: messageKey('format.unitCode') }) code: string;
  @Field() @IsString() @Length(2, 100) name: string;
  @Field(() => UnitKindEnum) @IsIn(UNIT_KINDS) kind: UnitKind;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) parentId?: number | null;
}

@InputType()
export class UpdateUnitInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(2, 100) name?: string;
  @Field(() => UnitKindEnum, { nullable: true }) @IsOptional() @IsIn(UNIT_KINDS) kind?: UnitKind;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) parentId?: number | null;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
}

@ObjectType()
export class UnitPayload {
  @Field(() => UnitObject) unit: UnitObject;
}

@ArgsType()
export class UnitsArgs extends ConnectionArgs {
  @Field(() => UnitKindEnum, { nullable: true }) @IsOptional() @IsIn(UNIT_KINDS) kind?: UnitKind;
  @Field({ nullable: true, description: 'Include inactive units (default false)' }) @IsOptional() @IsBoolean() includeInactive?: boolean;
}
