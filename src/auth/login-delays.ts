// How long a sign-in must wait after failures: the rule, apart from where counts are kept.

export interface DelayPolicy {
  /** Failures allowed before any wait. */
  free: number;
  /** The longest wait, in seconds; waits double up to it. */
  maxDelaySeconds: number;
  /** Failures are forgotten this long after the last one. */
  windowSeconds: number;
}

/**
 * Three scopes, each slowing a different guesser without letting a stranger lock a real user out:
 * - accountAddress: one address guessing one account. Grows to 15 minutes; only that address waits.
 * - address: one address spraying many accounts. Grows to 15 minutes; only that address waits.
 * - account: many addresses guessing one account (a botnet). Counts and applies only to addresses
 *   this account has not signed in from, and never grows past a minute, so the owner — at a
 *   known address not at all, at a new one at most a minute — always gets in.
 */
export const LOGIN_DELAYS = {
  accountAddress: { free: 5, maxDelaySeconds: 900, windowSeconds: 86_400 },
  address: { free: 30, maxDelaySeconds: 900, windowSeconds: 86_400 },
  account: { free: 10, maxDelaySeconds: 60, windowSeconds: 3_600 },
} as const satisfies Record<string, DelayPolicy>;
export type LoginScope = keyof typeof LOGIN_DELAYS;

/** An address a staff member signed in from is known for this long (under Node's 24.8-day timer limit, which the in-memory store uses). */
export const KNOWN_ADDRESS_SECONDS = 21 * 86_400;

/** The wait before the next attempt, after `failures` failures in a row: 0 while free, then 1, 2, 4 … capped. */
export function delayAfterFailures(failures: number, policy: DelayPolicy): number {
  if (failures <= policy.free) return 0;
  const exponent = failures - policy.free - 1;
  return exponent >= 30 ? policy.maxDelaySeconds : Math.min(2 ** exponent, policy.maxDelaySeconds);
}
