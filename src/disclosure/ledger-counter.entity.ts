import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last ledger sequence issued in a year; incremented under the row lock of one UPDATE. */
@Entity('disclosure_ledger_counters')
export class LedgerCounterEntity {
  @PrimaryColumn({ type: 'int' }) year: number;
  @Column({ type: 'int' }) lastSequence: number;
}
