import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Untrimmed } from '../../graphql/trim-inputs.js';
import { messageKey } from '../../common/i18n/message.js';

@InputType()
export class LoginInput {
  @Field() @IsString() @Length(1, 64) username: string;
  // A space is part of the secret: kept as typed, only refused when blank.
  @Field() @Untrimmed() @IsString() @Length(1, 200) @Matches(/\S/, { message: 'must not be blank' }) password: string;
}

@InputType()
export class RequestLoginCodeInput {
  @Field({ description: 'Mainland mobile number, e.g. 13812341234 or +86 138 1234 1234' })
  @IsString()
  @Length(11, 20)
  phone: string;
}

@InputType()
export class SignInWithCodeInput {
  @Field() @IsString() @Length(11, 20) phone: string;
  @Field() @IsString() @Matches(/^\d{6}$/, { message: messageKey('format.loginCode') }) code: string;
  @Field({ nullable: true, description: 'Name shown (masked) on your suggestions; used on first sign-in' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  displayName?: string;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Empty when the client asked for a cookie session (header x-civicloop-session: cookie)' }) accessToken: string;
  @Field(() => Int) expiresInSeconds: number;
}

@ObjectType()
export class RequestLoginCodePayload {
  @Field() sent: boolean;
  @Field(() => Int) expiresInSeconds: number;
}
