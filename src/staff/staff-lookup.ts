import type { EntityManager } from 'typeorm';
import { StaffUserEntity } from './staff-user.entity.js';
import { canonicalUsername } from './username.js';

/**
 * The account whose canonical username is exactly this one, or null. MariaDB compares under
 * utf8mb4_unicode_ci (accents and widths equal), so the row it finds is checked again here.
 */
export async function findStaffByUsername(em: EntityManager, input: string): Promise<StaffUserEntity | null> {
  const username = canonicalUsername(input);
  if (!username) return null;
  const found = await em.find(StaffUserEntity, { where: { username }, take: 2 });
  return found.find((u) => u.username === username) ?? null;
}
