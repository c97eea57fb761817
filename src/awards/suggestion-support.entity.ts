import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

/**
 * A signed-in resident's "me too" (附议) for a published suggestion: once per person. The person
 * is their phone (supporterKey, see supporterKeyOf), so deleting the account and signing up
 * again with the same phone does not support twice; the support itself survives deletion.
 */
@Entity('suggestion_supports')
@Index('uq_suggestion_supports_suggestion_resident', ['suggestionId', 'residentId'], { unique: true })
@Index('uq_suggestion_supports_suggestion_supporter', ['suggestionId', 'supporterKey'], { unique: true })
@Index('ix_suggestion_supports_resident', ['residentId'])
export class SuggestionSupportEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int' }) residentId: number;
  @Column({ type: 'varchar', length: 64 }) supporterKey: string;
  @DateTimeColumn() createdAt: Date;
}
