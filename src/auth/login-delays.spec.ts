import fc from 'fast-check';
import { delayAfterFailures, LOGIN_DELAYS, type DelayPolicy } from './login-delays.js';

const policies = Object.entries(LOGIN_DELAYS) as [string, DelayPolicy][];

describe('delayAfterFailures', () => {
  it.each(policies)('%s: no wait while the free tries last, then a wait that never shrinks and never passes the cap', (_name, policy) => {
    fc.assert(
      fc.property(fc.nat(10_000), (n) => {
        const d = delayAfterFailures(n, policy);
        if (n <= policy.free) return d === 0;
        return d >= 1 && d <= policy.maxDelaySeconds && d >= delayAfterFailures(n - 1, policy);
      }),
    );
  });

  it('slows one address guessing one account to hours for a few dozen guesses', () => {
    const policy = LOGIN_DELAYS.accountAddress;
    const waited = Array.from({ length: 40 }, (_, i) => delayAfterFailures(i + 1, policy)).reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThan(6 * 3600);
  });

  it('bounds what a stranger can cost the owner: the account-wide wait is at most a minute', () => {
    expect(delayAfterFailures(1_000_000, LOGIN_DELAYS.account)).toBeLessThanOrEqual(60);
  });
});
