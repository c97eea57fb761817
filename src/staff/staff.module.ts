import { StaffUserView } from './dto/staff-user-view.js';
import { Module } from '@nestjs/common';
import { StaffResolver } from './staff.resolver.js';
import { StaffService } from './staff.service.js';

/** Staff accounts: onboarding through set-password codes, roles and units, deactivation, audit. */
@Module({ providers: [StaffService, StaffUserView, StaffResolver], exports: [StaffService] })
export class StaffModule {}
