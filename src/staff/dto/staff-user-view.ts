import { Injectable } from '@nestjs/common';
import { maskPhone } from '../../common/masking.js';
import { PiiCrypto } from '../../common/pii-crypto.js';
import type { StaffUserEntity } from '../staff-user.entity.js';
import type { StaffUserObject } from './staff-user.object.js';

/** A staff account as the API shows it: the phone decrypted here only to be masked. */
@Injectable()
export class StaffUserView {
  constructor(private readonly pii: PiiCrypto) {}

  of(s: StaffUserEntity): StaffUserObject {
    return {
      id: s.id,
      username: s.username,
      displayName: s.displayName,
      roles: s.roles,
      unitId: s.unitId,
      active: s.active,
      phoneMasked: s.phoneCiphertext ? maskPhone(this.pii.decrypt(s.phoneCiphertext)) : null,
      createdAt: s.createdAt,
    };
  }
}
