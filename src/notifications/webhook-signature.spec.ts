import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

describe('webhook signature', () => {
  const secret = 'a-shared-secret-0123';
  const body = JSON.stringify({ channel: 'sms', to: '13812341234', eventKey: 'notice:1:2' });

  it('is t=<seconds>,v1=hex(HMAC-SHA256(secret, "<t>.<body>"))', () => {
    const expected = createHmac('sha256', secret).update(`1760000000.${body}`).digest('hex');
    expect(signWebhook(secret, body, 1760000000)).toBe(`t=1760000000,v1=${expected}`);
  });

  it('verifies its own signature within the tolerance and nothing else', () => {
    const header = signWebhook(secret, body, 1760000000);
    expect(verifyWebhook(secret, body, header, 1760000100)).toBe(true);
    expect(verifyWebhook(secret, body, header, 1760000301)).toBe(false); // stale
    expect(verifyWebhook('another-secret-01234', body, header, 1760000000)).toBe(false);
    expect(verifyWebhook(secret, body.replace('13812341234', '13912341234'), header, 1760000000)).toBe(false);
    expect(verifyWebhook(secret, body, 't=1760000000,v1=00', 1760000000)).toBe(false);
    expect(verifyWebhook(secret, body, 'garbage', 1760000000)).toBe(false);
  });
});
