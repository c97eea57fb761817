import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { messageKey } from '../../common/i18n/message.js';

@InputType()
export class LoginInput {
  @Field() @IsString() @Length(1, 64) username: string;
  @Field() @IsString() @Length(1, 200) password: string;
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
  @Field() accessToken: string;
  @Field(() => Int) expiresInSeconds: number;
}

@ObjectType()
export class RequestLoginCodePayload {
  @Field() sent: boolean;
  @Field(() => Int) expiresInSeconds: number;
}
