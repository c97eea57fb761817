// The one place a username is put into the form used for storage, lookup and rate-limit keys.
// Without it, `Admin `, `ａｄｍｉｎ` and `ADMIN` were three rate-limit buckets for one account that
// MariaDB's case- and width-insensitive collation found all the same.

/** NFKC (full-width and compatibility forms to their plain form), lower case, no outer spaces. */
export function canonicalUsername(input: string): string {
  // NFKC again after lower-casing: a few lower-case mappings leave a non-normalised sequence.
  return input.normalize('NFKC').toLowerCase().normalize('NFKC').trim();
}

/** What a new username may be, once canonical: letters, digits, `.`, `_`, `-`; 3–64 long. */
export const USERNAME_PATTERN = /^[\p{Ll}\p{Lo}\p{Nd}][\p{Ll}\p{Lo}\p{Nd}._-]{2,63}$/u;

export function isValidUsername(canonical: string): boolean {
  return USERNAME_PATTERN.test(canonical) && canonicalUsername(canonical) === canonical;
}
