import { channelStates } from './notification-channels.js';

describe('channelStates', () => {
  const none = new Map();

  it('without a webhook: SMS to the development file, staff messages to the log, the webhook channel off', () => {
    const states = channelStates(undefined, none, none);
    expect(states.map((s) => [s.channel, s.enabled, s.transport, s.host])).toEqual([
      ['SMS', true, 'FILE', null],
      ['WEBHOOK', false, 'WEBHOOK', null],
      ['LOG', true, 'LOG', null],
    ]);
    expect(states.every((s) => s.sent === 0 && s.dead === 0 && s.sending === 0 && s.skipped === 0 && s.lastError === null)).toBe(true);
  });

  it('with a webhook: SMS and staff messages through it, naming its host only, the log off', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const states = channelStates(
      'https://gw.example.cn:8443/hook?token=s3cret',
      new Map([['SMS', { sent: 3, dead: 1, sending: 0, skipped: 2 }]]),
      new Map([['SMS', { error: 'webhook answered 503', at }]]),
    );
    expect(states.map((s) => [s.channel, s.enabled, s.transport, s.host])).toEqual([
      ['SMS', true, 'WEBHOOK', 'gw.example.cn:8443'],
      ['WEBHOOK', true, 'WEBHOOK', 'gw.example.cn:8443'],
      ['LOG', false, 'LOG', null],
    ]);
    expect(states[0]).toMatchObject({ sent: 3, dead: 1, skipped: 2, lastError: 'webhook answered 503', lastErrorAt: at });
    expect(JSON.stringify(states)).not.toContain('s3cret');
  });
});
