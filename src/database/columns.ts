import { Column, type ColumnOptions } from 'typeorm';

// Portable column shapes: the same entity maps onto SQLite and MySQL/MariaDB.
/** UTC instant, millisecond precision. */
export const DateTimeColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'datetime', precision: 3, ...options });
/** Short code or status stored as varchar, never a database enum (adding a value is not a migration). */
export const CodeColumn = (length = 32, options: ColumnOptions = {}) =>
  Column({ type: 'varchar', length, ...options });
