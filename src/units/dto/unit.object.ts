import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UNIT_KINDS, type UnitEntity, type UnitKind } from '../unit.entity.js';
import { Connection } from '../../graphql/connection.js';

export const UnitKindEnum = Object.fromEntries(UNIT_KINDS.map((k) => [k, k])) as { [K in UnitKind]: K };
registerEnumType(UnitKindEnum, { name: 'UnitKind', description: 'DEPARTMENT (市直部门), COUNTY (县/市), DISTRICT (区), OFFICE (协调办公室)' });

@ObjectType('Unit', { description: 'A responsible unit (责任单位)' })
export class UnitObject {
  @Field(() => Int) id: number;
  @Field() code: string;
  @Field() name: string;
  @Field(() => UnitKindEnum) kind: UnitKind;
  @Field(() => Int, { nullable: true }) parentId: number | null;
  @Field() active: boolean;
}

export function toUnitObject(u: UnitEntity): UnitObject {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId, active: u.active };
}

export const UnitConnection = Connection(UnitObject, 'Unit');
