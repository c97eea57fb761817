/**
 * The quarter-end trigger (`awards.quarter-end`) is handled in the jobs module, which forwards
 * it to whatever module provides this token (the awards module computes the round). Provide
 * the hook; do not add a second `@OnJob('awards.quarter-end')` handler — start-up refuses two.
 *
 *   providers: [AwardsService, { provide: QUARTER_END_HOOK, useExisting: AwardsService }]
 *
 * in any module of the app: the jobs module looks the token up app-wide (no export needed).
 * Without a provider the trigger is logged and nothing else happens.
 */
export interface QuarterEndHook {
  /** `quarter` is the quarter that just ended, e.g. '2026Q3'. Must be idempotent (delivery is at least once). */
  onQuarterEnd(quarter: string): Promise<void>;
}

export const QUARTER_END_HOOK = Symbol('QUARTER_END_HOOK');
