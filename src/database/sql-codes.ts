/**
 * A fixed list of status or level codes as a SQL list literal, `('A', 'B')`, the same text in
 * SQLite and MySQL. For the domain's own constants only (the words in src/…/reply-owed.ts,
 * adoption.ts and the like), never for input: anything but an upper-case code is refused.
 */
export function sqlCodeList(codes: readonly string[]): string {
  if (!codes.length) throw new RangeError('an empty code list has no SQL literal');
  for (const code of codes) if (!/^[A-Z][A-Z0-9_]*$/.test(code)) throw new RangeError(`not a code: ${JSON.stringify(code)}`);
  return `(${codes.map((c) => `'${c}'`).join(', ')})`;
}
