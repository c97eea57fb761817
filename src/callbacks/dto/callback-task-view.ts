import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { maskPhone } from '../../common/masking.js';
import { PiiCrypto } from '../../common/pii-crypto.js';
import { mapNodes, type ConnectionShape } from '../../graphql/connection.js';
import { ResidentEntity } from '../../residents/resident.entity.js';
import { SuggestionEntity } from '../../suggestions/suggestion.entity.js';
import { trackingNumberOf } from '../../suggestions/tracking-number.js';
import type { CallbackTaskEntity } from '../callback-task.entity.js';
import type { CallbackTaskObject } from './callback-task.dto.js';

/**
 * Call tasks as the API shows them: each with its item's tracking number and the author's phone,
 * decrypted here only to be masked. Two queries for a whole page, whatever its size.
 */
@Injectable()
export class CallbackTaskView {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiCrypto,
  ) {}

  async of(row: CallbackTaskEntity): Promise<CallbackTaskObject> {
    return (await this.many([row]))[0]!;
  }

  async connection(page: ConnectionShape<CallbackTaskEntity>): Promise<ConnectionShape<CallbackTaskObject>> {
    const objects = await this.many(page.edges.map((e) => e.node));
    return mapNodes(page, (_row, i) => objects[i]!);
  }

  async many(rows: CallbackTaskEntity[]): Promise<CallbackTaskObject[]> {
    if (!rows.length) return [];
    const suggestions = await this.dataSource.getRepository(SuggestionEntity).find({
      select: { id: true, submittedAt: true, trackingNumber: true, authorId: true },
      where: { id: In([...new Set(rows.map((r) => r.suggestionId))]) },
    });
    const sById = new Map(suggestions.map((s) => [s.id, s]));
    const authorIds = [...new Set(suggestions.map((s) => s.authorId).filter((id): id is number => id !== null))];
    const residents = authorIds.length
      ? await this.dataSource.getRepository(ResidentEntity).find({ select: { id: true, phoneCiphertext: true }, where: { id: In(authorIds) } })
      : [];
    const phoneOf = new Map(residents.map((r) => [r.id, r.phoneCiphertext ? maskPhone(this.pii.decrypt(r.phoneCiphertext)) : null]));
    return rows.map((t) => {
      const s = sById.get(t.suggestionId);
      return {
        id: t.id,
        status: t.status,
        suggestionId: t.suggestionId,
        trackingNumber: s ? trackingNumberOf(s) : '',
        replyId: t.replyId,
        phoneMasked: s?.authorId ? (phoneOf.get(s.authorId) ?? null) : null,
        dueAt: t.dueAt,
        outcome: t.outcome,
        rawNote: t.note,
        completedById: t.completedById,
        completedAt: t.completedAt,
        createdAt: t.createdAt,
      };
    });
  }
}
