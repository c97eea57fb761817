import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from './actor.js';
import { UnauthenticatedError } from '../common/errors.js';
import { maskPhone } from '../common/masking.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import type { MeObject } from './dto/me.object.js';
import { msg } from '../common/i18n/message.js';

@Injectable()
export class MeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiCrypto,
  ) {}

  async describe(actor: Actor): Promise<MeObject> {
    if (actor.kind === 'resident') {
      const r = await this.dataSource.getRepository(ResidentEntity).findOneBy({ id: actor.id });
      if (!r || r.deletedAt) throw new UnauthenticatedError(msg('auth.accountGone'));
      return {
        kind: 'RESIDENT',
        id: r.id,
        displayName: r.displayName,
        roles: ['RESIDENT'],
        unitId: null,
        phoneMasked: r.phoneCiphertext ? maskPhone(this.pii.decrypt(r.phoneCiphertext)) : null,
      };
    }
    if (actor.kind === 'staff') {
      const s = await this.dataSource.getRepository(StaffUserEntity).findOneBy({ id: actor.id });
      if (!s || !s.active) throw new UnauthenticatedError(msg('auth.accountInactive'));
      return { kind: 'STAFF', id: s.id, displayName: s.displayName, roles: s.roles, unitId: s.unitId, phoneMasked: null };
    }
    throw new UnauthenticatedError();
  }
}
