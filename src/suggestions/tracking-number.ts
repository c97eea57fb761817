import { shanghaiDate } from '../calendar/shanghai-time.js';

// Tracking numbers (台账编号) are derived from the row id and the submission year, so
// submitting needs no extra write: JY + year + id, zero-padded to at least 7 digits.
const PATTERN = /^JY(\d{4})(\d{7,})$/;

export function formatTrackingNumber(id: number, submittedAt: Date): string {
  return `JY${shanghaiDate(submittedAt).slice(0, 4)}${String(id).padStart(7, '0')}`;
}

export function parseTrackingNumber(value: string): { year: number; id: number } | null {
  const m = PATTERN.exec(value.trim().toUpperCase());
  if (!m) return null;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) && id > 0 ? { year: Number(m[1]), id } : null;
}
