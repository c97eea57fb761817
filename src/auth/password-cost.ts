// Kept apart from passwords.ts: the config reads these, and passwords.ts reads the config.

/** argon2id cost: memory in KiB, passes, lanes. A hash records its own cost, so verifying reads it from there. */
export interface PasswordHashCost {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

/** argon2's own defaults (64 MiB, 3 passes, 4 lanes), above the floor below. */
export const DEFAULT_PASSWORD_HASH_COST: PasswordHashCost = Object.freeze({ memoryKib: 65_536, timeCost: 3, parallelism: 4 });

/** OWASP's Password Storage Cheat Sheet minimum for argon2id (19 MiB, 2 passes): production refuses less. */
export const PRODUCTION_PASSWORD_HASH_FLOOR = Object.freeze({ memoryKib: 19_456, timeCost: 2 });

/**
 * NODE_ENV=test only: the suites sign staff in thousands of times, and at the default cost each
 * sign-in spends 0.3-1 s of CPU on this 2-core machine. What the tests check (which hash, which
 * account, wrong passwords refused) does not depend on the cost.
 */
export const TEST_PASSWORD_HASH_COST: PasswordHashCost = Object.freeze({ memoryKib: 1_024, timeCost: 1, parallelism: 1 });
