import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { ClosedLoop1764000100000 } from './1764000100000-closed-loop.js';

/** Every migration in order. ESM has no glob loading, so they are listed here. */
export const MIGRATIONS = [
  Foundation1764000000000,
  ClosedLoop1764000100000,
];
