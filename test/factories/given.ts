import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Passwords } from '../../src/auth/passwords.js';
import type { StaffRole } from '../../src/auth/roles.js';
import { CampaignEntity } from '../../src/campaigns/campaign.entity.js';
import { PiiCrypto } from '../../src/common/pii-crypto.js';
import { StaffUserEntity } from '../../src/staff/staff-user.entity.js';
import { UnitEntity, type UnitKind } from '../../src/units/unit.entity.js';
import { ResidentEntity } from '../../src/residents/resident.entity.js';
import type { TestApp } from '../helpers/test-app.js';
import { TokenService } from '../../src/auth/token.service.js';

let seq = 0;
const next = () => ++seq;
let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct horse battery staple';

/** What the seeders need: a full test app, or a medium-tier module (test/helpers/medium.ts). */
export type GivenContext = Pick<TestApp, 'dataSource' | 'clock'> & { app: Pick<INestApplicationContext, 'get'> };

/** Seeders that write straight to the database, for arranging a test. */
export function given(t: GivenContext) {
  const ds: DataSource = t.dataSource;
  const now = () => t.clock.now();
  return {
    async unit(overrides: Partial<{ code: string; name: string; kind: UnitKind; active: boolean }> = {}) {
      const n = next();
      const row = { code: `U${n}`, name: `测试单位${n}`, kind: 'DEPARTMENT' as UnitKind, parentId: null, active: true, createdAt: now(), updatedAt: now(), ...overrides };
      const r = await ds.getRepository(UnitEntity).insert(row);
      return { ...row, id: r.identifiers[0]!.id as number };
    },
    async staff(roles: StaffRole[], unitId: number | null = null, overrides: Partial<{ username: string; active: boolean }> = {}) {
      cachedHash ??= t.app.get(Passwords).hash(TEST_PASSWORD);
      const n = next();
      const row = { username: `staff${n}`, passwordHash: await cachedHash, displayName: `工作人员${n}`, roles, unitId, active: true, createdAt: now(), ...overrides };
      const r = await ds.getRepository(StaffUserEntity).insert(row);
      const id = r.identifiers[0]!.id as number;
      const token = t.app.get(TokenService).issue({ kind: 'staff', id, authzVersion: 1 }).token;
      return { ...row, id, token };
    },
    async resident(overrides: Partial<{ phone: string; displayName: string }> = {}) {
      const n = next();
      const phone = overrides.phone ?? `137${String(10_000_000 + n * 7919).slice(-8)}`;
      const pii = t.app.get(PiiCrypto);
      const row = {
        phoneCiphertext: pii.encrypt(phone),
        phoneHash: pii.lookupHash(phone),
        displayName: overrides.displayName ?? `居民甲${n}`,
        verifiedAt: now(),
        notificationOptOuts: [] as string[],
        deletedAt: null,
        createdAt: now(),
      };
      const r = await ds.getRepository(ResidentEntity).insert(row);
      const id = r.identifiers[0]!.id as number;
      const token = t.app.get(TokenService).issue({ kind: 'resident', id }).token;
      return { ...row, id, phone, token };
    },
    async campaign(overrides: Partial<CampaignEntity> = {}) {
      const n = next();
      const at = now();
      const row = {
        year: at.getUTCFullYear(),
        number: n,
        title: `第${n}期 测试征集`,
        topic: '测试',
        description: '测试活动',
        opensAt: new Date(at.getTime() - 86400_000),
        closesAt: new Date(at.getTime() + 30 * 86400_000),
        status: 'OPEN' as const,
        categories: ['城市建设', '交通出行'],
        signDays: 1,
        replyDays: 10,
        reopenReplyDays: 5,
        ratingWindowDays: 7,
        maxReopens: 1,
        requireReplyReview: false,
        prizeText: null,
        createdAt: at,
        updatedAt: at,
        ...overrides,
      };
      const r = await ds.getRepository(CampaignEntity).insert(row);
      return { ...row, id: r.identifiers[0]!.id as number };
    },
  };
}

export function idempotencyKey(): string {
  return `key-${Date.now()}-${next()}-${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 8)}`;
}
