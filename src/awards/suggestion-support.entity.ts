import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

/** A signed-in resident's "me too" (附议) for a published suggestion: once per resident (unique). */
@Entity('suggestion_supports')
@Index('uq_suggestion_supports_suggestion_resident', ['suggestionId', 'residentId'], { unique: true })
@Index('ix_suggestion_supports_resident', ['residentId'])
export class SuggestionSupportEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int' }) residentId: number;
  @DateTimeColumn() createdAt: Date;
}
