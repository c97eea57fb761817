import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { ReplyEntity } from '../replies/reply.entity.js';

/** The latest published reply of each suggestion, in one query per request tick; drafts never load. */
export function publishedReplyLoader(dataSource: DataSource): DataLoader<number, ReplyEntity | null> {
  return new DataLoader<number, ReplyEntity | null>(async (suggestionIds) => {
    const rows = await dataSource
      .getRepository(ReplyEntity)
      .find({ where: { suggestionId: In([...suggestionIds]), status: 'PUBLISHED' }, order: { id: 'ASC' } });
    const latest = new Map<number, ReplyEntity>();
    for (const r of rows) latest.set(r.suggestionId, r);
    return suggestionIds.map((id) => latest.get(id) ?? null);
  });
}
