import { randomBytes } from 'node:crypto';
import { PiiCrypto } from './pii-crypto.js';

describe('PiiCrypto', () => {
  const crypto = new PiiCrypto(randomBytes(32), 'hash-key-for-tests');
  it('round-trips and never stores the plain value', () => {
    const sealed = crypto.encrypt('13812341234');
    expect(sealed).not.toContain('13812341234');
    expect(crypto.decrypt(sealed)).toBe('13812341234');
    expect(crypto.encrypt('13812341234')).not.toBe(sealed); // random IV
  });
  it('detects tampering', () => {
    const sealed = crypto.encrypt('13812341234');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x').toString('base64');
    expect(() => crypto.decrypt(parts.join('.'))).toThrow();
  });
  it('gives a stable keyed lookup hash that depends on the key', () => {
    expect(crypto.lookupHash('13812341234')).toBe(crypto.lookupHash('13812341234'));
    expect(new PiiCrypto(randomBytes(32), 'another-key-12345').lookupHash('13812341234')).not.toBe(
      crypto.lookupHash('13812341234'),
    );
  });
});
