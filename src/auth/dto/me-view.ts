import { Injectable } from '@nestjs/common';
import { maskPhone } from '../../common/masking.js';
import { PiiCrypto } from '../../common/pii-crypto.js';
import type { MyAccount } from '../me.service.js';
import type { MeObject } from './me.object.js';

/** The caller's account as `me` shows it: a resident's phone decrypted here only to be masked; a staff phone not shown. */
@Injectable()
export class MeView {
  constructor(private readonly pii: PiiCrypto) {}

  of(account: MyAccount): MeObject {
    if (account.kind === 'RESIDENT') {
      const r = account.resident;
      return {
        kind: 'RESIDENT',
        id: r.id,
        displayName: r.displayName,
        roles: ['RESIDENT'],
        unitId: null,
        phoneMasked: r.phoneCiphertext ? maskPhone(this.pii.decrypt(r.phoneCiphertext)) : null,
      };
    }
    const s = account.staff;
    return { kind: 'STAFF', id: s.id, displayName: s.displayName, roles: s.roles, unitId: s.unitId, phoneMasked: null };
  }
}
