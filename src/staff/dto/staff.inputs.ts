import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '../../auth/roles.js';
import { ConnectionArgs } from '../../graphql/connection.js';
import { StaffRoleEnum, StaffUserObject } from './staff-user.object.js';

@ArgsType()
export class StaffUsersArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Only this unit (a unit admin always sees only their own)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  unitId?: number | null;
  @Field({ nullable: true, description: 'Include deactivated accounts (default false)' }) @IsOptional() @IsBoolean() includeInactive?: boolean;
}

@InputType()
export class CreateStaffUserInput {
  @Field({ description: 'Stored in canonical form (NFKC, trimmed, lower case): 3–64 letters, digits, . _ -' })
  @IsString()
  @Length(3, 64)
  username: string;
  @Field() @IsString() @Length(1, 100) displayName: string;
  @Field(() => [StaffRoleEnum]) @ArrayMinSize(1) @ArrayMaxSize(STAFF_ROLES.length) @IsIn(STAFF_ROLES, { each: true }) roles: StaffRole[];
  @Field(() => Int, { nullable: true, description: 'Required for UNIT_HANDLER and UNIT_ADMIN' }) @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @Field({ description: 'Mobile number the one-time set-password code is sent to' }) @IsString() @Length(11, 20) phone: string;
}

@InputType()
export class UpdateStaffUserInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field(() => [StaffRoleEnum], { nullable: true }) @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(STAFF_ROLES.length) @IsIn(STAFF_ROLES, { each: true }) roles?: StaffRole[];
  @Field(() => Int, { nullable: true, description: 'null removes the unit (only for accounts without unit roles)' }) @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) displayName?: string;
  @Field({ nullable: true, description: 'Mobile number for set-password codes' }) @IsOptional() @IsString() @Length(11, 20) phone?: string;
}

@InputType()
export class SetStaffUserActiveInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field() @IsBoolean() active: boolean;
}

@InputType()
export class ResetStaffPasswordInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
}

@InputType()
export class SetPasswordWithCodeInput {
  @Field() @IsString() @Length(1, 64) username: string;
  @Field() @IsString() @Length(1, 32) code: string;
  @Field({ description: '12–200 characters, not containing the username' }) @IsString() @Length(1, 200) newPassword: string;
}

@InputType()
export class ChangeMyPasswordInput {
  @Field() @IsString() @Length(1, 200) currentPassword: string;
  @Field({ description: '12–200 characters, not containing the username' }) @IsString() @Length(1, 200) newPassword: string;
}

@ObjectType()
export class StaffUserPayload {
  @Field(() => StaffUserObject) staffUser: StaffUserObject;
}

@ObjectType()
export class StaffPasswordCodePayload {
  @Field(() => StaffUserObject) staffUser: StaffUserObject;
  @Field({ description: 'A one-time set-password code went to the account’s phone; it is never shown here' }) codeSent: boolean;
  @Field(() => Int) expiresInSeconds: number;
}
