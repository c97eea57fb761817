import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';

/** An exception to Monday–Friday: a public holiday, or a weekend made a working day (调休). */
@Entity('calendar_days')
export class CalendarDayEntity {
  /** Asia/Shanghai calendar date, YYYY-MM-DD. */
  @PrimaryColumn({ type: 'varchar', length: 10 }) date: string;
  @CodeColumn(10) kind: CalendarDayKind;
  @Column({ type: 'varchar', length: 50, nullable: true }) name: string | null;
  /** Where the entry came from: the package and version, or `admin`. */
  @Column({ type: 'varchar', length: 50 }) source: string;
  @DateTimeColumn() updatedAt: Date;
}
