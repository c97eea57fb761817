import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { STAFF_ROLES, type StaffRole } from '../../auth/roles.js';
import { Connection } from '../../graphql/connection.js';

export const StaffRoleEnum = Object.fromEntries(STAFF_ROLES.map((r) => [r, r])) as { [K in StaffRole]: K };
registerEnumType(StaffRoleEnum, { name: 'StaffRole' });

@ObjectType('StaffUser', { description: 'A staff account (工作人员)' })
export class StaffUserObject {
  @Field(() => Int) id: number;
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => [StaffRoleEnum]) roles: StaffRole[];
  @Field(() => Int, { nullable: true }) unitId: number | null;
  @Field() active: boolean;
  @Field(() => String, { nullable: true, description: 'Masked (138****1234)' }) phoneMasked: string | null;
  @Field() createdAt: Date;
}

export const StaffUserConnection = Connection(StaffUserObject, 'StaffUser');
