import { Module } from '@nestjs/common';
import { PrivacyResolver } from './privacy.resolver.js';
import { PrivacyService } from './privacy.service.js';

/** Residents' data rights and the audit of every access to personal data. */
@Module({ providers: [PrivacyService, PrivacyResolver], exports: [PrivacyService] })
export class PrivacyModule {}
