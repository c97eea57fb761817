import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PiiCrypto } from '../../common/pii-crypto.js';
import type { DisclosureRequestEntity } from '../disclosure-request.entity.js';
import { toDisclosureRequestObject, type DisclosureRequestObject } from './disclosure.object.js';

/** A ledger row as the API shows it: the contact decrypted here only to be masked in every text. */
@Injectable()
export class DisclosureRequestView {
  constructor(
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  of(row: DisclosureRequestEntity): DisclosureRequestObject {
    return toDisclosureRequestObject(row, this.pii.decrypt(row.contactPhoneCiphertext), this.clock.now());
  }
}
