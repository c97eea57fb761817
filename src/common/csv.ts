import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/**
 * The one CSV writer. Spreadsheet programs run a cell that starts with = + - @ (or their
 * full-width forms, a tab or a carriage return) as a formula, so csv-stringify's
 * `escape_formulas` puts an apostrophe before every such text cell (negative numbers stay
 * numbers). XLSX needs none of this: its cells are typed, and text is never a formula.
 * UTF-8 with a byte-order mark, which Excel needs to read Chinese.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Buffer {
  return Buffer.from(stringify([[...header], ...rows.map((r) => [...r])], { bom: true, escape_formulas: true, record_delimiter: 'unix' }), 'utf8');
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
