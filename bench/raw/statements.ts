import { COLUMNS } from '../lib/columns.js';
import { PUBLIC_SUGGESTION_COLUMNS } from '../../src/feed/dto/public-suggestion.object.js';

// The SQL the platform sends for submit, inbox and feed, written out for the raw baselines.
// Copied from the general log of a running api (bench/lib/sql-capture.ts), and checked
// against it on every benchmark run: a platform change that alters a statement shows up as
// a mismatch in the run's output instead of a silently unfair baseline.

/** TypeORM's select list: `alias`.`col` AS `alias_col`, in entity column order. */
function selectList(alias: string, columns: readonly string[]): string {
  return columns.map((c) => `\`${alias}\`.\`${c}\` AS \`${alias}_${c}\``).join(', ');
}

const S = 'SuggestionEntity';

/**
 * What the platform's AccountAccess reads to turn a token into an actor (cached there for
 * ACCOUNT_CACHE_TTL_MS; the raw baseline caches it as long).
 */
export const ACCOUNT_SQL = {
  resident: `SELECT \`ResidentEntity\`.\`id\` AS \`ResidentEntity_id\`, \`ResidentEntity\`.\`deletedAt\` AS \`ResidentEntity_deletedAt\` FROM \`residents\` \`ResidentEntity\` WHERE ((\`ResidentEntity\`.\`id\` = ?)) LIMIT 1`,
  staff: `SELECT ${selectList('StaffUserEntity', ['id', 'active', 'authzVersion', 'roles', 'unitId'])} FROM \`staff_users\` \`StaffUserEntity\` WHERE ((\`StaffUserEntity\`.\`id\` = ?)) LIMIT 1`,
};

export const SUBMIT_SQL = {
  /** Only after a refused attempt (a retry meets the unique key at the insert): the earlier suggestion under the key. */
  byIdempotencyKey: `SELECT ${selectList(S, COLUMNS.suggestions)} FROM \`suggestions\` \`${S}\` WHERE ((\`${S}\`.\`authorId\` = ?) AND (\`${S}\`.\`idempotencyKey\` = ?)) LIMIT 1`,
  /** lockRowById: the author's row, locked first so the daily cap counts exactly. */
  lockResident: `SELECT ${selectList('locked', COLUMNS.residents)} FROM \`residents\` \`locked\` WHERE \`locked\`.\`id\` IN (?) ORDER BY \`locked\`.\`id\` ASC FOR UPDATE`,
  campaign: `SELECT ${selectList('CampaignEntity', COLUMNS.campaigns)} FROM \`campaigns\` \`CampaignEntity\` WHERE ((\`CampaignEntity\`.\`id\` = ?)) LIMIT 1`,
  countToday: `SELECT COUNT(1) AS \`cnt\` FROM \`suggestions\` \`${S}\` WHERE ((\`${S}\`.\`authorId\` = ?) AND (\`${S}\`.\`submittedAt\` >= ?))`,
  /** Nothing read back (insertRow): the id is the driver's insertId. */
  insertSuggestion: `INSERT INTO \`suggestions\`(${COLUMNS.suggestions.map((c) => `\`${c}\``).join(', ')}) VALUES (DEFAULT, ${COLUMNS.suggestions
    .slice(1)
    .map(() => '?')
    .join(', ')})`,
  indexText: 'INSERT INTO suggestion_search (suggestionId, tokens, publicText) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE tokens = VALUES(tokens), publicText = VALUES(publicText)',
  insertTimeline: `INSERT INTO \`timeline_events\`(\`id\`, \`suggestionId\`, \`actorKind\`, \`actorId\`, \`unitId\`, \`action\`, \`fromStatus\`, \`toStatus\`, \`note\`, \`at\`) VALUES (DEFAULT, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING \`id\``,
  insertOutbox: `INSERT  IGNORE INTO \`outbox_messages\`(\`id\`, \`topic\`, \`payload\`, \`dedupeKey\`, \`availableAt\`, \`dispatchedAt\`, \`completedAt\`, \`attempts\`, \`lastError\`, \`createdAt\`) VALUES (DEFAULT, ?, ?, ?, ?, NULL, DEFAULT, 0, NULL, ?)`,
};

export const INBOX_SQL = {
  count: "SELECT COUNT(1) AS `cnt` FROM `suggestions` `s` WHERE `s`.`leadUnitId` = ? AND `s`.`status` IN (?)",
  page: `SELECT ${selectList('s', COLUMNS.suggestions)} FROM \`suggestions\` \`s\` WHERE \`s\`.\`leadUnitId\` = ? AND \`s\`.\`status\` IN (?) ORDER BY \`s\`.\`replyDueAt\` ASC, \`s\`.\`id\` ASC LIMIT ?`,
  campaigns: `SELECT ${selectList('CampaignEntity', COLUMNS.campaigns)} FROM \`campaigns\` \`CampaignEntity\` WHERE ((\`CampaignEntity\`.\`id\` IN (?)))`,
  /** The units holding each item of the page: the reader's standing on it, for the text policy (title). */
  assignments: `SELECT ${selectList('AssignmentEntity', COLUMNS.assignments)} FROM \`assignments\` \`AssignmentEntity\` WHERE ((\`AssignmentEntity\`.\`suggestionId\` IN (?))) ORDER BY \`AssignmentEntity\`.\`id\` ASC`,
};

export const FEED_SQL = {
  /** Only the columns a public suggestion is made of; with a select list TypeORM orders by the column's alias. */
  page: `SELECT ${selectList('s', PUBLIC_SUGGESTION_COLUMNS)} FROM \`suggestions\` \`s\` WHERE \`s\`.\`published\` = true AND \`s\`.\`consentToPublish\` = true ORDER BY \`s_id\` DESC LIMIT ?`,
  units: `SELECT ${selectList('UnitEntity', COLUMNS.units)} FROM \`units\` \`UnitEntity\` WHERE ((\`UnitEntity\`.\`id\` IN (?)))`,
  replies: `SELECT ${selectList('ReplyEntity', COLUMNS.replies)} FROM \`replies\` \`ReplyEntity\` WHERE ((\`ReplyEntity\`.\`suggestionId\` IN (?)) AND (\`ReplyEntity\`.\`status\` = 'PUBLISHED')) ORDER BY \`ReplyEntity\`.\`id\` ASC`,
};
