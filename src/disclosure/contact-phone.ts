import { normalizePhone } from '../common/masking.js';

/**
 * An applicant's contact number: a mainland mobile (stored as 11 digits) or a landline with
 * its area code (0795-3273397; digits run together stay together, as the split would be a guess).
 * Null when it is neither.
 */
export function normalizeContactPhone(input: string): string | null {
  const mobile = normalizePhone(input);
  if (mobile) return mobile;
  const trimmed = input.trim().replace(/^\+?86[\s-]?/, '');
  const separated = /^\(?(0\d{2,3})\)?[\s-]+(\d{7,8})$|^\((0\d{2,3})\)(\d{7,8})$/.exec(trimmed);
  if (separated) return `${separated[1] ?? separated[3]}-${separated[2] ?? separated[4]}`;
  return /^0\d{9,11}$/.test(trimmed) ? trimmed : null;
}
