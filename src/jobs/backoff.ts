/**
 * Delay before retry number `attempt` (1 = the first retry): base·2^(attempt−1), with the
 * upper half jittered, so a burst of failures does not retry in lockstep. Mirrors BullMQ's
 * exponential backoff with `jitter: 0.5`, so both drivers retry alike.
 */
export function retryDelayMs(baseMs: number, attempt: number, random: () => number = Math.random): number {
  const full = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(full / 2 + (full / 2) * random());
}

/** Jitter share used with BullMQ's exponential backoff. */
export const BACKOFF_JITTER = 0.5;
