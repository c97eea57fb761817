import { trackingNumberOf } from '../../../src/suggestions/tracking-number.js';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../src/auth/actor.js';
import { SuggestionsService } from '../../../src/suggestions/suggestions.service.js';
import { workflowOf } from '../../helpers/workflow.js';
import { given, idempotencyKey, TEST_PASSWORD } from '../../factories/given.js';
import type { TestApp } from '../../helpers/test-app.js';
import type { SecurityApp } from './security-app.js';

/** The callers of the authorization matrix (issue 8, §1). */
export const ACTOR_KEYS = [
  'anonymous',
  'owner',
  'otherResident',
  'handler',
  'otherHandler',
  'unitAdmin',
  'coordinator',
  'evaluator',
  'auditor',
  'admin',
] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];

/**
 * The state an item is put in before a cell runs, so that the caller the table allows can
 * really act and a refusal is about who calls, not about the item's status.
 */
export type FixtureState =
  | 'SUBMITTED'
  | 'ASSIGNED'
  | 'IN_PROGRESS'
  | 'REPLY_REVIEW'
  | 'REPLIED'
  /** Replied with the author's consent: in the public feed. */
  | 'PUBLISHED'
  | 'EXTENSION_PENDING'
  /** Unit A is a co-organiser (协办) that signed; another unit leads. */
  | 'CO_ORGANISED';

export interface Resident {
  id: number;
  phone: string;
  token: string;
}
export interface Staff {
  id: number;
  username: string;
  token: string;
  actor: Actor;
}

export interface Fixture {
  state: FixtureState;
  owner: Resident;
  suggestionId: number;
  trackingNumber: string;
  /** Another item, SUBMITTED, by the same owner (a merge target). */
  targetId: number;
  replyId: number | null;
  extensionRequestId: number | null;
  /** Texts no caller without a right to the item may ever see. */
  markers: string[];
}

export interface World {
  unitA: { id: number; code: string };
  unitB: { id: number; code: string };
  unitD: { id: number; code: string };
  campaign: { id: number; categories: string[] };
  reviewCampaign: { id: number };
  staff: Record<Exclude<ActorKey, 'anonymous' | 'owner' | 'otherResident'>, Staff>;
  otherResident: Resident;
  /** A shared item for queries: private (no consent to publish), in progress at unit A, with notes. */
  shared: Fixture;
  /** A fresh item in a state, owned by a fresh resident (private unless PUBLISHED). */
  fixture(state: FixtureState): Promise<Fixture>;
  /** A fresh resident (for a cell that must not spend a shared one, e.g. deleting an account). */
  resident(): Promise<Resident>;
  /** Runs `make` once per world and remembers its result (seeding another module's objects). */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** The token a cell sends for an actor (undefined: anonymous). */
  tokenOf(actor: ActorKey, fixture: Fixture): string | undefined;
}

let ipCounter = 0;
/** Each fixture's submission comes from its own address, so intake's per-IP limit is not what a cell meets. */
const nextIp = () => `10.99.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`;

export async function buildWorld(t: SecurityApp): Promise<World> {
  const g = given(t as unknown as TestApp);
  const unitA = await g.unit({ name: '安全测试甲单位' });
  const unitB = await g.unit({ name: '安全测试乙单位' });
  const unitD = await g.unit({ name: '安全测试丁单位' });
  const campaign = await g.campaign();
  const reviewCampaign = await g.campaign({ requireReplyReview: true });
  const staffOf = async (roles: Parameters<typeof g.staff>[0], unitId: number | null): Promise<Staff> => {
    const s = await g.staff(roles, unitId);
    return { id: s.id, username: s.username, token: s.token, actor: { kind: 'staff', id: s.id, roles, unitId } };
  };
  const staff = {
    handler: await staffOf(['UNIT_HANDLER'], unitA.id),
    otherHandler: await staffOf(['UNIT_HANDLER'], unitB.id),
    unitAdmin: await staffOf(['UNIT_ADMIN'], unitA.id),
    coordinator: await staffOf(['COORDINATOR'], null),
    evaluator: await staffOf(['EVALUATOR'], null),
    auditor: await staffOf(['AUDITOR'], null),
    admin: await staffOf(['ADMIN'], null),
  };
  const leadHandlerD = await staffOf(['UNIT_HANDLER'], unitD.id);
  const resident = async (): Promise<Resident> => {
    const r = await g.resident({ phone: freshPhone() });
    return { id: r.id, phone: r.phone, token: r.token };
  };
  const otherResident = await resident();
  const suggestions = t.app.get(SuggestionsService);
  const workflow = workflowOf(t.app);
  const coordinator = staff.coordinator.actor;

  async function fixture(state: FixtureState, options: { private?: boolean } = {}): Promise<Fixture> {
    const owner = await resident();
    const ownerActor: Actor = { kind: 'resident', id: owner.id };
    const tag = randomBytes(4).toString('hex');
    const markers = [`标题标记${tag}`, `正文标记${tag}`, `备注标记${tag}`, `答复标记${tag}`, `延期标记${tag}`];
    const campaignId = state === 'REPLY_REVIEW' ? reviewCampaign.id : campaign.id;
    if (state === 'PUBLISHED') options = { private: false };
    const submit = async (title: string, body: string) =>
      (
        await suggestions.submit(
          ownerActor,
          { campaignId, title, body, category: campaign.categories[0]!, consentToPublish: !options.private, idempotencyKey: idempotencyKey() },
          nextIp(),
        )
      ).suggestion;
    const s = await submit(markers[0]!, `${markers[1]!}：这是一条安全测试用的建议内容。`);
    const target = await submit('合并目标', '这是一条作为合并目标的建议内容。');
    const f: Fixture = { state, owner, suggestionId: s.id, trackingNumber: trackingNumberOf(s), targetId: target.id, replyId: null, extensionRequestId: null, markers };
    if (state === 'SUBMITTED') return f;
    if (state === 'CO_ORGANISED') {
      await workflow.assign(coordinator, { suggestionIds: [s.id], leadUnitId: unitD.id, coUnitIds: [unitA.id] });
      await workflow.sign(leadHandlerD.actor, { suggestionId: s.id });
      await workflow.sign(staff.handler.actor, { suggestionId: s.id });
      return f;
    }
    await workflow.assign(coordinator, { suggestionIds: [s.id], leadUnitId: unitA.id, note: markers[2] });
    if (state === 'ASSIGNED') return f;
    await workflow.sign(staff.handler.actor, { suggestionId: s.id });
    await workflow.addProgressNote(staff.handler.actor, { suggestionId: s.id, note: markers[2]! });
    if (state === 'IN_PROGRESS') return f;
    if (state === 'EXTENSION_PENDING') {
      f.extensionRequestId = (await workflow.requestExtension(staff.handler.actor, { suggestionId: s.id, reason: markers[4]!, extraWorkingDays: 3 })).id;
      return f;
    }
    const replied = await workflow.reply(staff.handler.actor, { suggestionId: s.id, body: `${markers[3]!}：感谢您的建议，我们已经安排处理。`, adoption: 'ADOPTED' });
    f.replyId = replied.reply.id;
    return f;
  }

  const shared = await fixture('IN_PROGRESS', { private: true });
  const memo = new Map<string, Promise<unknown>>();
  return {
    resident,
    once<T>(key: string, make: () => Promise<T>): Promise<T> {
      if (!memo.has(key)) memo.set(key, make());
      return memo.get(key) as Promise<T>;
    },
    unitA,
    unitB,
    unitD,
    campaign: { id: campaign.id, categories: campaign.categories },
    reviewCampaign,
    staff,
    otherResident,
    shared,
    fixture: (state) => fixture(state, { private: true }),
    tokenOf(actor, f) {
      if (actor === 'anonymous') return undefined;
      if (actor === 'owner') return f.owner.token;
      if (actor === 'otherResident') return otherResident.token;
      return staff[actor].token;
    },
  };
}

let phoneCounter = 0;
/** 13-digit-free, unique test numbers (170 range, reserved for virtual operators). */
export function freshPhone(): string {
  return `170${String(process.pid % 1000).padStart(3, '0')}${String(++phoneCounter % 100000).padStart(5, '0')}`;
}

export { TEST_PASSWORD };
