import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from './access.decorator.js';
import { CurrentActor } from './current-actor.decorator.js';
import type { Actor } from './actor.js';
import { AuthService } from './auth.service.js';
import { MeService } from './me.service.js';
import { MeView } from './dto/me-view.js';
import { AuthPayload, LoginInput, RequestLoginCodeInput, RequestLoginCodePayload, SignInWithCodeInput } from './dto/auth.inputs.js';
import { MeObject } from './dto/me.object.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ALL_ROLES } from './roles.js';
import { clearSessionCookie, setSessionCookie, wantsCookieSession } from './session-cookie.js';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** A browser that asked for a cookie session gets the token as an HttpOnly cookie, not in the body. */
function deliver(payload: AuthPayload, ctx: GraphQLContext, secure: boolean): AuthPayload {
  if (!wantsCookieSession(ctx.request)) return payload;
  setSessionCookie(ctx.reply, payload.accessToken, payload.expiresInSeconds, secure);
  return { ...payload, accessToken: '' };
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly me: MeService,
    private readonly meView: MeView,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => MeObject, { name: 'me', description: 'The signed-in resident or staff member' })
  @Allow(...ALL_ROLES)
  async meQuery(@CurrentActor() actor: Actor): Promise<MeObject> {
    return this.meView.of(await this.me.describe(actor));
  }

  @Mutation(() => AuthPayload, { description: 'Staff sign-in with username and password' })
  @Public()
  async login(@Args('input') input: LoginInput, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    return deliver(await this.auth.staffLogin(input.username, input.password, ctx.request.ip), ctx, this.config.isProduction);
  }

  @Mutation(() => RequestLoginCodePayload, { description: 'Send a one-time sign-in code to a resident phone' })
  @Public()
  async requestLoginCode(@Args('input') input: RequestLoginCodeInput, @Context() ctx: GraphQLContext): Promise<RequestLoginCodePayload> {
    const { expiresInSeconds } = await this.auth.requestLoginCode(input.phone, ctx.request.ip);
    return { sent: true, expiresInSeconds };
  }

  @Mutation(() => AuthPayload, { description: 'Resident sign-in with phone number and one-time code' })
  @Public()
  async signInWithCode(@Args('input') input: SignInWithCodeInput, @Context() ctx: GraphQLContext): Promise<AuthPayload> {
    return deliver(await this.auth.signInWithCode(input.phone, input.code, input.displayName, ctx.request.ip), ctx, this.config.isProduction);
  }

  @Mutation(() => Boolean, { description: 'Ends a cookie session (web portal): clears the HttpOnly session cookie' })
  @Public()
  signOut(@Context() ctx: GraphQLContext): boolean {
    clearSessionCookie(ctx.reply, this.config.isProduction);
    return true;
  }
}
