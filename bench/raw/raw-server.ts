// The raw baseline: a bare Fastify server that does what the platform's hot paths do —
// the same SQL statements through a mysql2 pool of the same size, the same Redis rate-limit
// checks and the same JWT verification — with none of Nest, GraphQL, TypeORM or
// class-validator in between. It answers the same request bodies with JSON of the same shape.
import { createHash, createSecretKey } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { JwtService } from '@nestjs/jwt';
import { Redis } from 'ioredis';
import { createPool, type Pool, type PoolConnection, type RowDataPacket } from 'mysql2/promise';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { loadConfig } from '../../src/config/app-config.js';
import { RATE_LIMITS } from '../../src/common/rate-limit/rate-limits.js';
import { startOfShanghaiDay } from '../../src/calendar/shanghai-time.js';
import { documentTokens } from '../../src/search/search-tokens.js';
import { formatLegacyTrackingNumber } from '../../src/suggestions/tracking-number.js';
import { maskName } from '../../src/common/masking.js';
import { maskPersonalText } from '../../src/common/masking.js';
import { FEED_SQL, INBOX_SQL, SUBMIT_SQL } from './statements.js';

const config = loadConfig();
if (config.database.type === 'sqlite') throw new Error('the raw baseline needs DATABASE_URL');
const pool: Pool = createPool({
  uri: config.database.url,
  connectionLimit: config.database.poolSize,
  waitForConnections: true,
  timezone: 'Z',
  charset: 'utf8mb4_unicode_ci',
  dateStrings: false,
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
  unitId?: number | null;
  roles?: string[];
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
const authorDisplay = (s: { anonymous: number | boolean; authorName: string | null }) => (s.anonymous || !s.authorName ? '匿名' : maskName(s.authorName));

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

app.post('/raw/submit', async (request: FastifyRequest<{ Body: SubmitBody }>, reply) => {
  const claims = claimsOf(request);
  if (!claims || claims.kind !== 'resident') return error(reply, 'UNAUTHENTICATED', 'Sign in first');
  const authorId = Number(claims.sub);
  const input = request.body.variables.input;
  const title = input.title.trim();
  const body = input.body.trim();
  const location = input.location?.trim() || null;
  const anonymous = input.anonymous ?? false;
  const contentHash = createHash('sha256')
    .update(JSON.stringify([input.campaignId, title, body, input.category, location, input.consentToPublish, anonymous]))
    .digest('hex');
  const [earlier] = await pool.query<RowDataPacket[]>(SUBMIT_SQL.byIdempotencyKey, [authorId, input.idempotencyKey]);
  if (earlier.length) return error(reply, 'CONFLICT', 'replay');
  try {
    await submitPerIp.consume(request.ip);
    await submitPerResident.consume(String(authorId));
  } catch (err) {
    if (err instanceof RateLimiterRes) return error(reply, 'RATE_LIMITED', 'Too many submissions');
    throw err;
  }
  const now = new Date();
  const conn: PoolConnection = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    const [[campaign]] = await conn.query<RowDataPacket[]>(SUBMIT_SQL.campaign, [input.campaignId]);
    const categories = campaign ? (JSON.parse(campaign.CampaignEntity_categories as string) as string[]) : [];
    if (!campaign || campaign.CampaignEntity_status !== 'OPEN' || now < campaign.CampaignEntity_opensAt || now >= campaign.CampaignEntity_closesAt || !categories.includes(input.category)) {
      await conn.query('ROLLBACK');
      return error(reply, 'CONFLICT', 'not open');
    }
    const [[author]] = await conn.query<RowDataPacket[]>(SUBMIT_SQL.resident, [authorId]);
    if (!author || author.ResidentEntity_deletedAt) {
      await conn.query('ROLLBACK');
      return error(reply, 'UNAUTHENTICATED', 'gone');
    }
    const [[today]] = await conn.query<RowDataPacket[]>(SUBMIT_SQL.countToday, [authorId, startOfShanghaiDay(now)]);
    if (Number(today!.cnt) >= config.submissionsPerDay) {
      await conn.query('ROLLBACK');
      return error(reply, 'RATE_LIMITED', 'daily cap');
    }
    const [[inserted]] = await conn.query<RowDataPacket[]>(SUBMIT_SQL.insertSuggestion, [
      input.campaignId, authorId, title, body, input.category, location, input.consentToPublish, anonymous, author.ResidentEntity_displayName,
      'SUBMITTED', input.idempotencyKey, contentHash, 1, 0, null, null, null, null, null, null, false, null, null, now, now,
    ]);
    const id = Number(inserted!.id);
    await conn.query(SUBMIT_SQL.indexText, [id, documentTokens(title, body).join(' ')]);
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
      data: { submitSuggestion: { replayed: false, suggestion: { id, trackingNumber: formatLegacyTrackingNumber(id, now), status: 'SUBMITTED', submittedAt: now.toISOString() } } },
    });
  } catch (err) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
});

const ACTIVE = ['ASSIGNED', 'IN_PROGRESS', 'REPLY_REVIEW'];

app.post('/raw/inbox', async (request: FastifyRequest<{ Body: { variables: { first: number } } }>, reply) => {
  const claims = claimsOf(request);
  if (!claims || claims.kind !== 'staff' || claims.unitId == null) return error(reply, 'FORBIDDEN', 'The inbox belongs to unit staff');
  const first = request.body.variables.first;
  const [[count]] = await pool.query<RowDataPacket[]>(INBOX_SQL.count, [claims.unitId, ACTIVE]);
  const [rows] = await pool.query<RowDataPacket[]>(INBOX_SQL.page, [claims.unitId, ACTIVE, first + 1]);
  const page = rows.slice(0, first);
  const campaignIds = [...new Set(page.map((r) => r.s_campaignId as number))];
  const campaigns = new Map<number, RowDataPacket>();
  if (campaignIds.length) {
    const [found] = await pool.query<RowDataPacket[]>(INBOX_SQL.campaigns, [campaignIds]);
    for (const c of found) campaigns.set(c.CampaignEntity_id as number, c);
  }
  const edges = page.map((r) => {
    const c = campaigns.get(r.s_campaignId as number);
    return {
      cursor: cursor([iso(r.s_replyDueAt) ?? '', r.s_id]),
      node: {
        id: r.s_id,
        trackingNumber: formatLegacyTrackingNumber(r.s_id, r.s_submittedAt),
        title: r.s_title,
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
    const names = [s.s_authorName as string | null];
    const unit = s.s_leadUnitId === null ? null : unitById.get(s.s_leadUnitId as number);
    const r = latestReply.get(s.s_id as number);
    return {
      cursor: cursor([s.s_id, s.s_id]),
      node: {
        id: s.s_id,
        trackingNumber: formatLegacyTrackingNumber(s.s_id, s.s_submittedAt),
        title: maskPersonalText(s.s_title, names),
        body: maskPersonalText(s.s_body, names),
        category: s.s_category,
        status: s.s_status,
        authorDisplay: authorDisplay({ anonymous: s.s_anonymous, authorName: s.s_authorName }),
        adoption: s.s_adoption,
        submittedAt: iso(s.s_submittedAt),
        closedAt: iso(s.s_closedAt),
        leadUnit: unit ? { id: unit.UnitEntity_id, name: unit.UnitEntity_name } : null,
        reply: r
          ? { body: maskPersonalText(r.ReplyEntity_body, names), adoption: r.ReplyEntity_adoption, onTime: Boolean(r.ReplyEntity_onTime), publishedAt: iso(r.ReplyEntity_publishedAt) }
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
