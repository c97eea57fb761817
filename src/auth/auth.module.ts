import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { RateLimits } from '../common/rate-limit/rate-limits.js';
import { FileSmsGateway, SMS_GATEWAY, WebhookSmsGateway } from '../notifications/sms-gateway.js';
import { AccessGuard } from './access.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { Passwords } from './passwords.js';
import { MeService } from './me.service.js';
import { MeView } from './dto/me-view.js';
import { TokenService } from './token.service.js';
import { AccountAccess } from './account-access.service.js';
import { LoginThrottle } from './login-throttle.js';

@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [
    AuthService,
    Passwords,
    MeService,
    MeView,
    TokenService,
    AccountAccess,
    LoginThrottle,
    AuthResolver,
    RateLimits,
    { provide: APP_GUARD, useClass: AccessGuard },
    {
      provide: PiiCrypto,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new PiiCrypto(c.pii.encryptionKey, c.pii.hashKey),
    },
    {
      provide: SMS_GATEWAY,
      inject: [APP_CONFIG, Clock],
      useFactory: (c: AppConfig, clock: Clock) => {
        if (c.webhook.url) return new WebhookSmsGateway(c.webhook.url, c.webhook.secret, () => clock.now());
        if (c.isProduction) throw new Error('WEBHOOK_URL must be set in production: residents need their sign-in codes');
        return new FileSmsGateway(c.smsFile);
      },
    },
  ],
  exports: [TokenService, AccountAccess, LoginThrottle, PiiCrypto, RateLimits, SMS_GATEWAY, AuthService, Passwords],
})
export class AuthModule {}
