import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from './actor.js';
import { UnauthenticatedError } from '../common/errors.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { msg } from '../common/i18n/message.js';

/** The caller's own account row: a resident's or a staff member's (MeView shows it). */
export type MyAccount = { kind: 'RESIDENT'; resident: ResidentEntity } | { kind: 'STAFF'; staff: StaffUserEntity };

@Injectable()
export class MeService {
  constructor(private readonly dataSource: DataSource) {}

  async describe(actor: Actor): Promise<MyAccount> {
    if (actor.kind === 'resident') {
      const r = await this.dataSource.getRepository(ResidentEntity).findOneBy({ id: actor.id });
      if (!r || r.deletedAt) throw new UnauthenticatedError(msg('auth.accountGone'));
      return { kind: 'RESIDENT', resident: r };
    }
    if (actor.kind === 'staff') {
      const s = await this.dataSource.getRepository(StaffUserEntity).findOneBy({ id: actor.id });
      if (!s || !s.active) throw new UnauthenticatedError(msg('auth.accountInactive'));
      return { kind: 'STAFF', staff: s };
    }
    throw new UnauthenticatedError();
  }
}
