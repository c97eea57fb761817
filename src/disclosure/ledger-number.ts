// Ledger numbers (台账编号) of disclosure requests: YSQ + the Shanghai year of receipt + a
// sequence that restarts every year, e.g. YSQ2026-0001. The sequence comes from a per-year
// counter row, so numbers are gap-free and unique under concurrency.
const PATTERN = /^YSQ(\d{4})-(\d{4,})$/;

export function formatLedgerNumber(year: number, sequence: number): string {
  return `YSQ${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseLedgerNumber(value: string): { year: number; sequence: number } | null {
  const m = PATTERN.exec(value.trim().toUpperCase());
  if (!m) return null;
  const sequence = Number(m[2]);
  return Number.isSafeInteger(sequence) && sequence > 0 ? { year: Number(m[1]), sequence } : null;
}
