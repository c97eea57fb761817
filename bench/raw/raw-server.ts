// The raw baseline: a bare Fastify server that does what the platform's hot paths do —
// the same SQL statements through a mysql2 pool of the same size, the same Redis rate-limit
// checks and the same JWT verification — with none of Nest, GraphQL, TypeORM or
// class-validator in between. It answers the same request bodies with JSON of the same shape.
import 'reflect-metadata';
import { createHash, createSecretKey } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { JwtService } from '@nestjs/jwt';
import { Redis } from 'ioredis';
import { createPool, type Pool, type PoolConnection, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { loadConfig } from '../../src/config/app-config.js';
import { RATE_LIMITS } from '../../src/common/rate-limit/rate-limits.js';
import { startOfShanghaiDay } from '../../src/calendar/shanghai-time.js';
import { publicSearchText, searchTableRow } from '../../src/search/search-index.js';
import { trackingNumberOf } from '../../src/suggestions/tracking-number.js';
import { newSuggestionRow } from '../../src/suggestions/suggestion.entity.js';
import { assertAcceptsSubmissions } from '../../src/campaigns/campaign-rules.js';
import { INTAKE_CAMPAIGN_TTL_MS } from '../../src/campaigns/intake-campaigns.js';
import { ACCOUNT_CACHE_TTL_MS } from '../../src/auth/account-access.service.js';
import { STAFF_ROLES, type StaffRole } from '../../src/auth/roles.js';
import { ANONYMOUS, hasRole } from '../../src/auth/actor.js';
import { authorDisplay as platformAuthorDisplay } from '../../src/suggestions/dto/suggestion.object.js';
import { readText, standingOn, WITHHELD } from '../../src/privacy/text-visibility.js';
import { COLUMNS } from '../lib/columns.js';
import { ACCOUNT_SQL, FEED_SQL, INBOX_SQL, SUBMIT_SQL } from './statements.js';

const config = loadConfig();
if (config.database.type === 'sqlite') throw new Error('the raw baseline needs DATABASE_URL');
const pool: Pool = createPool({
  uri: config.database.url,
  connectionLimit: config.database.poolSize,
  waitForConnections: true,
  timezone: 'Z',
  charset: 'utf8mb4_unicode_ci',
  dateStrings: false,
  trace: false, // as the platform's pools (src/database/data-source-options.ts)
});
const redis = new Redis(config.redisUrl!, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
const limiter = (name: 'submitPerIp' | 'submitPerResident') =>
  new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `rl:${name}`,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `rl:${name}`, ...RATE_LIMITS[name] }),
    ...RATE_LIMITS[name],
  });
const submitPerIp = limiter('submitPerIp');
const submitPerResident = limiter('submitPerResident');
const jwt = new JwtService();
// A KeyObject, as the platform's TokenService holds: given a string, jsonwebtoken tries a PEM parse first on every verify.
const jwtKey = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));

interface Claims {
  sub: string;
  kind: 'resident' | 'staff';
  /** A staff token's authzVersion. Roles and unit are not in the token: they are read from the account. */
  ver?: number;
  exp?: number;
}

type Account = { kind: 'resident'; id: number } | { kind: 'staff'; id: number; roles: StaffRole[]; unitId: number | null };

// As the platform's AccountAccess: the account read once per ACCOUNT_CACHE_TTL_MS per token subject.
const accounts = new Map<string, { row: RowDataPacket | null; until: number }>();

/** The signed-in account of a request, or null (no token, a bad one, or an account that may no longer act). */
async function accountOf(request: FastifyRequest): Promise<Account | null> {
  const claims = claimsOf(request);
  if (!claims || typeof claims.exp !== 'number') return null;
  const id = Number(claims.sub);
  const key = `${claims.kind}:${id}`;
  const now = Date.now();
  let hit = accounts.get(key);
  if (!hit || hit.until <= now) {
    const [[row]] = await pool.query<RowDataPacket[]>(claims.kind === 'resident' ? ACCOUNT_SQL.resident : ACCOUNT_SQL.staff, [id]);
    hit = { row: row ?? null, until: now + ACCOUNT_CACHE_TTL_MS };
    accounts.set(key, hit);
  }
  const row = hit.row;
  if (claims.kind === 'resident') return row && !row.ResidentEntity_deletedAt ? { kind: 'resident', id } : null;
  if (!row || !row.StaffUserEntity_active || row.StaffUserEntity_authzVersion !== claims.ver) return null;
  const roles = String(row.StaffUserEntity_roles)
    .split(',')
    .filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r));
  return { kind: 'staff', id, roles, unitId: row.StaffUserEntity_unitId as number | null };
}

function claimsOf(request: FastifyRequest): Claims | null {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!m) return null;
  try {
    return jwt.verify<Claims & object>(m[1]!, {
      algorithms: ['HS256'],
      secret: jwtKey as unknown as Buffer,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
    });
  } catch {
    return null;
  }
}

function error(reply: FastifyReply, code: string, message: string) {
  return reply.send({ data: null, errors: [{ message, extensions: { code } }] });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const cursor = (key: [string | number, number]) => Buffer.from(JSON.stringify(key)).toString('base64url');
// The platform's own rule for the author's public name (mysql2 gives booleans as 0/1).
const authorDisplay = (s: { anonymous: number | boolean; authorName: string | null }) => platformAuthorDisplay({ anonymous: Boolean(s.anonymous), authorName: s.authorName });

const app = Fastify({ logger: false, trustProxy: true, bodyLimit: 256 * 1024 });

// Like the api's: answers once the database does (the benchmark waits on it between runs).
app.get('/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

interface SubmitBody {
  variables: {
    input: { campaignId: number; title: string; body: string; category: string; location?: string; consentToPublish: boolean; anonymous?: boolean; idempotencyKey: string };
  };
}

// As the platform's IntakeCampaigns: an OPEN campaign read for intake is kept INTAKE_CAMPAIGN_TTL_MS.
const openCampaigns = new Map<number, { row: RowDataPacket; until: number }>();
async function intakeCampaign(conn: PoolConnection, id: number): Promise<RowDataPacket | undefined> {
  const now = Date.now();
  const hit = openCampaigns.get(id);
  if (hit && hit.until > now) return hit.row;
  const [[row]] = await conn.query<RowDataPacket[]>(SUBMIT_SQL.campaign, [id]);
  if (row?.CampaignEntity_status === 'OPEN') openCampaigns.set(id, { row, until: now + INTAKE_CAMPAIGN_TTL_MS });
  return row;
}

app.post('/raw/submit', async (request: FastifyRequest<{ Body: SubmitBody }>, reply) => {
  const account = await accountOf(request);
  if (!account || account.kind !== 'resident') return error(reply, 'UNAUTHENTICATED', 'Sign in first');
  const authorId = account.id;
  const input = request.body.variables.input;
  const title = input.title.trim();
  const body = input.body.trim();
  const location = input.location?.trim() || null;
  const anonymous = input.anonymous ?? false;
  const contentHash = createHash('sha256')
    .update(JSON.stringify([input.campaignId, title, body, input.category, location, input.consentToPublish, anonymous]))
    .digest('hex');
  // As the platform's SuggestionsService: nothing read before the transaction; a retry meets the
  // unique key (author, idempotency key) at the insert, and only then is the earlier row read.
  const earlier = async () => {
    const [[row]] = await pool.query<RowDataPacket[]>(SUBMIT_SQL.byIdempotencyKey, [authorId, input.idempotencyKey]);
    return row;
  };
  try {
    await submitPerIp.consume(request.ip);
    await submitPerResident.consume(String(authorId));
  } catch (err) {
    if (err instanceof RateLimiterRes) return (await earlier()) ? error(reply, 'CONFLICT', 'replay') : error(reply, 'RATE_LIMITED', 'Too many submissions');
    throw err;
  }
  const now = new Date();
  // As the platform's Transactions.run on MySQL: a deadlock or lock-wait timeout is retried, up to three attempts.
  const attempt = async () => {
    const conn: PoolConnection = await pool.getConnection();
    try {
      await conn.query('START TRANSACTION');
      const [[author]] = await conn.query<RowDataPacket[]>(SUBMIT_SQL.lockResident, [[authorId]]);
      if (!author || author.locked_deletedAt) {
        await conn.query('ROLLBACK');
        return error(reply, 'UNAUTHENTICATED', 'gone');
      }
      const campaign = await intakeCampaign(conn, input.campaignId);
      const categories = campaign ? (JSON.parse(campaign.CampaignEntity_categories as string) as string[]) : [];
      try {
        if (!campaign || campaign.CampaignEntity_status === 'DRAFT' || !categories.includes(input.category)) throw new Error('not open');
        assertAcceptsSubmissions(
          { status: campaign.CampaignEntity_status, opensAt: campaign.CampaignEntity_opensAt, closesAt: campaign.CampaignEntity_closesAt, number: campaign.CampaignEntity_number },
          now,
        );
      } catch {
        await conn.query('ROLLBACK');
        return error(reply, 'CONFLICT', 'not open');
      }
      const [[today]] = await conn.query<RowDataPacket[]>(SUBMIT_SQL.countToday, [authorId, startOfShanghaiDay(now)]);
      if (Number(today!.cnt) >= config.submissionsPerDay) {
        await conn.query('ROLLBACK');
        return error(reply, 'RATE_LIMITED', 'daily cap');
      }
      // The platform's one initial row (status, random tracking number, channel, ...), in column order.
      const row = newSuggestionRow(
        {
          campaignId: input.campaignId, authorId, title, body, category: input.category, location, consentToPublish: input.consentToPublish, anonymous,
          authorName: author.locked_displayName as string, idempotencyKey: input.idempotencyKey, contentHash,
          channel: 'ONLINE', recordedById: null, consentInPerson: false,
        },
        now,
      ) as unknown as Record<string, unknown>;
      const [inserted] = await conn.query<ResultSetHeader>(SUBMIT_SQL.insertSuggestion, COLUMNS.suggestions.slice(1).map((c) => row[c]));
      const id = inserted.insertId;
      const search = searchTableRow(publicSearchText({ title, body, authorName: row.authorName as string | null }));
      await conn.query(SUBMIT_SQL.indexText, [id, search.tokens, search.publicText]);
      const [[event]] = await conn.query<RowDataPacket[]>(SUBMIT_SQL.insertTimeline, [id, 'RESIDENT', authorId, null, 'submit', null, 'SUBMITTED', null, now]);
      const eventId = Number(event!.id);
      await conn.query(SUBMIT_SQL.insertOutbox, [
        'notice.resident',
        JSON.stringify({ suggestionId: id, stage: 'RECEIVED', timelineEventId: eventId }),
        `notice:${eventId}:${id}`,
        now,
        now,
      ]);
      await conn.query('COMMIT');
      return reply.send({
        data: { submitSuggestion: { replayed: false, suggestion: { id, trackingNumber: trackingNumberOf({ id, submittedAt: now, trackingNumber: row.trackingNumber as string | null }), status: row.status, submittedAt: now.toISOString() } } },
      });
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      if ((err as { code?: string }).code === 'ER_DUP_ENTRY' && (await earlier())) return error(reply, 'CONFLICT', 'replay');
      throw err;
    } finally {
      conn.release();
    }
  };
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (n >= 3 || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT')) throw err;
      await new Promise((r) => setTimeout(r, 10 * n + Math.random() * 20));
    }
  }
});

const ACTIVE = ['ASSIGNED', 'IN_PROGRESS', 'REPLY_REVIEW'];

app.post('/raw/inbox', async (request: FastifyRequest<{ Body: { variables: { first: number } } }>, reply) => {
  const account = await accountOf(request);
  if (!account) return error(reply, 'UNAUTHENTICATED', 'Sign in first');
  if (account.kind !== 'staff' || account.unitId === null || !hasRole(account, 'UNIT_HANDLER', 'UNIT_ADMIN')) {
    return error(reply, 'FORBIDDEN', 'The inbox belongs to unit staff');
  }
  const first = request.body.variables.first;
  const [[count]] = await pool.query<RowDataPacket[]>(INBOX_SQL.count, [account.unitId, ACTIVE]);
  const [rows] = await pool.query<RowDataPacket[]>(INBOX_SQL.page, [account.unitId, ACTIVE, first + 1]);
  const page = rows.slice(0, first);
  const campaignIds = [...new Set(page.map((r) => r.s_campaignId as number))];
  // What the request's DataLoaders batch: the page's campaigns, and its assignments (the reader's standing for the title).
  const [[found], [held]] = await Promise.all([
    campaignIds.length ? pool.query<RowDataPacket[]>(INBOX_SQL.campaigns, [campaignIds]) : Promise.resolve([[] as RowDataPacket[]]),
    page.length ? pool.query<RowDataPacket[]>(INBOX_SQL.assignments, [page.map((r) => r.s_id as number)]) : Promise.resolve([[] as RowDataPacket[]]),
  ]);
  const campaigns = new Map(found.map((c) => [c.CampaignEntity_id as number, c]));
  const unitsOf = new Map<number, number[]>();
  for (const a of held) (unitsOf.get(a.AssignmentEntity_suggestionId as number) ?? unitsOf.set(a.AssignmentEntity_suggestionId as number, []).get(a.AssignmentEntity_suggestionId as number)!).push(a.AssignmentEntity_unitId as number);
  const edges = page.map((r) => {
    const c = campaigns.get(r.s_campaignId as number);
    const standing = standingOn(account, { authorId: r.s_authorId as number | null }, unitsOf.get(r.s_id as number) ?? []);
    return {
      cursor: cursor([iso(r.s_replyDueAt) ?? '', r.s_id]),
      node: {
        id: r.s_id,
        trackingNumber: trackingNumberOf({ id: r.s_id, submittedAt: r.s_submittedAt, trackingNumber: r.s_trackingNumber }),
        title: readText(standing, 'AUTHOR_TEXT', r.s_title as string, { consentToPublish: Boolean(r.s_consentToPublish), authorName: r.s_authorName as string | null }) ?? WITHHELD,
        category: r.s_category,
        status: r.s_status,
        authorDisplay: authorDisplay({ anonymous: r.s_anonymous, authorName: r.s_authorName }),
        signDueAt: iso(r.s_signDueAt),
        replyDueAt: iso(r.s_replyDueAt),
        reopenCount: r.s_reopenCount,
        submittedAt: iso(r.s_submittedAt),
        version: r.s_version,
        campaign: c ? { id: c.CampaignEntity_id, label: `${c.CampaignEntity_year}年第${c.CampaignEntity_number}期` } : null,
      },
    };
  });
  return reply.send({
    data: { unitInbox: { totalCount: Number(count!.cnt), pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges } },
  });
});

app.post('/raw/feed', async (request: FastifyRequest<{ Body: { variables: { first: number } } }>, reply) => {
  const first = request.body.variables.first;
  const [rows] = await pool.query<RowDataPacket[]>(FEED_SQL.page, [first + 1]);
  const page = rows.slice(0, first);
  // What the request's DataLoaders batch: the lead units and the published replies of the page.
  const unitIds = [...new Set(page.map((r) => r.s_leadUnitId as number | null).filter((id): id is number => id !== null))];
  const [[units], [replies]] = await Promise.all([
    unitIds.length ? pool.query<RowDataPacket[]>(FEED_SQL.units, [unitIds]) : Promise.resolve([[] as RowDataPacket[]]),
    page.length ? pool.query<RowDataPacket[]>(FEED_SQL.replies, [page.map((r) => r.s_id as number)]) : Promise.resolve([[] as RowDataPacket[]]),
  ]);
  const unitById = new Map(units.map((u) => [u.UnitEntity_id as number, u]));
  const latestReply = new Map<number, RowDataPacket>();
  for (const r of replies) latestReply.set(r.ReplyEntity_suggestionId as number, r);
  const edges = page.map((s) => {
    // The text policy as the platform applies it to an anonymous reader (masked public text).
    // (An anonymous reader is no author: the page does not select authorId, nor does the platform's.)
    const standing = standingOn(ANONYMOUS, { authorId: null }, []);
    const facts = { consentToPublish: Boolean(s.s_consentToPublish), authorName: s.s_authorName as string | null };
    const unit = s.s_leadUnitId === null ? null : unitById.get(s.s_leadUnitId as number);
    const r = latestReply.get(s.s_id as number);
    return {
      cursor: cursor([s.s_id, s.s_id]),
      node: {
        id: s.s_id,
        trackingNumber: trackingNumberOf({ id: s.s_id, submittedAt: s.s_submittedAt, trackingNumber: s.s_trackingNumber }),
        title: readText(standing, 'AUTHOR_TEXT', s.s_title as string, facts) ?? WITHHELD,
        body: readText(standing, 'AUTHOR_TEXT', s.s_body as string, facts) ?? WITHHELD,
        category: s.s_category,
        status: s.s_status,
        authorDisplay: authorDisplay({ anonymous: s.s_anonymous, authorName: s.s_authorName }),
        adoption: s.s_adoption,
        submittedAt: iso(s.s_submittedAt),
        closedAt: iso(s.s_closedAt),
        leadUnit: unit ? { id: unit.UnitEntity_id, name: unit.UnitEntity_name } : null,
        reply: r
          ? { body: readText(standing, 'ANSWER', r.ReplyEntity_body as string, { ...facts, published: true }) ?? WITHHELD, adoption: r.ReplyEntity_adoption, onTime: Boolean(r.ReplyEntity_onTime), publishedAt: iso(r.ReplyEntity_publishedAt) }
          : null,
      },
    };
  });
  return reply.send({
    data: { publicSuggestions: { pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges } },
  });
});

const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => pool.end())
      .then(() => redis.quit())
      .finally(() => process.exit(0));
  });
}
