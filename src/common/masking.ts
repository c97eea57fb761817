/** Public rendering of personal data: `138****1234`, `张*`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Mainland mobile numbers, with or without +86; returns the 11-digit form or null. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
