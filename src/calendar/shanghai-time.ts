// Day boundaries are Asia/Shanghai (UTC+8 all year, no daylight saving); storage is UTC.
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which a Shanghai calendar date begins. */
export function startOfShanghaiDate(date: string): Date {
  return new Date(new Date(`${date}T00:00:00.000Z`).getTime() - SHANGHAI_OFFSET_MS);
}

export function startOfShanghaiDay(instant: Date): Date {
  return startOfShanghaiDate(shanghaiDate(instant));
}
