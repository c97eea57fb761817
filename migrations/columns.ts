import { TableIndex, type TableColumnOptions } from 'typeorm';

// Portable column builders for the Table API, mirroring src/database/columns.ts.
export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer', // SQLite allows AUTOINCREMENT only on INTEGER; MySQL maps it to int
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
// 'integer' and numeric boolean defaults are the forms both dialects read back unchanged.
export const int = (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...opts });
export const varchar = (name: string, length: number, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...opts,
});
export const char = (name: string, length: number, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'char',
  length: String(length),
  ...opts,
});
export const text = (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', ...opts });
export const bool = (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'boolean',
  ...opts,
  ...(typeof opts.default === 'boolean' ? { default: opts.default ? 1 : 0 } : {}),
});
export const datetime = (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  ...opts,
});
export const nullable = { isNullable: true } as const;
export const index = (name: string, columnNames: string[], isUnique = false) =>
  new TableIndex({ name, columnNames, isUnique });
