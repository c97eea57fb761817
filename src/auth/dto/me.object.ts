import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Me')
export class MeObject {
  @Field({ description: 'RESIDENT or STAFF' }) kind: string;
  @Field(() => Int) id: number;
  @Field() displayName: string;
  @Field(() => [String]) roles: string[];
  @Field(() => Int, { nullable: true }) unitId: number | null;
  @Field(() => String, { nullable: true, description: 'Your own phone number, masked (138****1234)' })
  phoneMasked: string | null;
}
