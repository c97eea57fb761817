import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { ReplyEntity } from '../replies/reply.entity.js';
import { leanFind } from '../database/lean-rows.js';

/** The latest published reply of each suggestion, in one query per request tick; drafts never load. */
export function publishedReplyLoader(dataSource: DataSource): DataLoader<number, ReplyEntity | null> {
  return new DataLoader<number, ReplyEntity | null>(async (suggestionIds) => {
    const rows = await leanFind(dataSource, ReplyEntity, { where: { suggestionId: In([...suggestionIds]), status: 'PUBLISHED' }, order: { id: 'ASC' } });
    const latest = new Map<number, ReplyEntity>();
    for (const r of rows) latest.set(r.suggestionId, r);
    return suggestionIds.map((id) => latest.get(id) ?? null);
  });
}
