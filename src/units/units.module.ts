import { Module } from '@nestjs/common';
import { UnitsResolver } from './units.resolver.js';
import { UnitsService } from './units.service.js';

@Module({ providers: [UnitsService, UnitsResolver], exports: [UnitsService] })
export class UnitsModule {}
