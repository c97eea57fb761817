import { Global, Module } from '@nestjs/common';
import { PublicCache } from './public-cache.service.js';

/** The public-read cache; in the worker too, whose commits (auto-close, campaign schedule, rounds) invalidate it. */
@Global()
@Module({ providers: [PublicCache], exports: [PublicCache] })
export class PublicCacheModule {}
