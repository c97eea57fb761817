import { WorkingDayCalendar } from '../../src/calendar/working-days.js';
import { officialExceptions } from '../../src/calendar/holiday-source.js';
import { SHANGHAI_OFFSET_MS, shanghaiDate, startOfShanghaiDate, startOfShanghaiDay } from '../../src/calendar/shanghai-time.js';
import { parseQuarter, previousQuarter, quarterOf } from '../../src/calendar/quarters.js';
import type { DataSize } from '../lib/options.js';
import { Rng, zipfCumulative } from './random.js';
import { CAMPAIGN_TOPICS, CATEGORIES, unitSeeds, type UnitSeed } from './text.js';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export interface CampaignSeed {
  id: number;
  year: number;
  number: number;
  title: string;
  topic: string;
  opensAt: number;
  closesAt: number;
  status: 'OPEN' | 'CLOSED' | 'ARCHIVED';
  categories: (typeof CATEGORIES)[number][];
  requireReplyReview: boolean;
}

export interface StaffSeed {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  unitId: number | null;
}

/**
 * The fixed frame of a generated data set: the time window (eight quarters, up to the end of
 * yesterday), campaigns (one a week, plus one open now for the submit benchmark), units and staff.
 * Everything else is drawn per suggestion from these.
 */
export class World {
  readonly now: number;
  readonly start: number;
  /** Last submission instant: the end of yesterday (Shanghai), so no generated item counts against today's cap. */
  readonly end: number;
  readonly units: (UnitSeed & { id: number })[];
  /** Units that lead items (all but the coordinating office), with Zipf weights. */
  readonly leadUnitIds: number[];
  readonly leadUnitWeights: number[];
  readonly campaigns: CampaignSeed[];
  readonly openCampaign: CampaignSeed;
  readonly staff: StaffSeed[] = [];
  readonly coordinatorIds: number[] = [];
  readonly evaluatorIds: number[] = [];
  readonly handlerOfUnit = new Map<number, number>();
  readonly adminOfUnit = new Map<number, number>();
  /** The quarter the scoring benchmark computes: the last one that has ended. */
  readonly scoringQuarter: string;
  readonly calendar: WorkingDayCalendar;
  private readonly deadlineCache = new Map<number, number>();

  constructor(
    readonly size: DataSize,
    now = Date.now(),
  ) {
    this.now = now;
    const current = parseQuarter(quarterOf(new Date(now)));
    let q = current;
    for (let i = 1; i < size.quarters; i++) q = parseQuarter(q.quarter === 1 ? `${q.year - 1}Q4` : `${q.year}Q${q.quarter - 1}`);
    this.start = q.start.getTime();
    this.end = startOfShanghaiDay(new Date(now)).getTime() - 1;
    this.scoringQuarter = previousQuarter(new Date(now));
    this.calendar = new WorkingDayCalendar(new Map(officialExceptions(q.year).map((d) => [d.date, d.kind])));

    this.units = unitSeeds(size.units).map((u, i) => ({ ...u, id: i + 1 }));
    this.leadUnitIds = this.units.filter((u) => u.kind !== 'OFFICE').map((u) => u.id);
    this.leadUnitWeights = zipfCumulative(this.leadUnitIds.length, 0.6);

    const rng = new Rng(20260101);
    this.campaigns = [];
    const perYear = new Map<number, number>();
    for (let opens = this.start; opens < this.end; opens += WEEK) {
      const year = Number(shanghaiDate(new Date(opens)).slice(0, 4));
      const number = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, number);
      this.campaigns.push(this.campaign(rng, this.campaigns.length + 1, year, number, opens, opens + 14 * DAY, opens + 14 * DAY < now - 180 * DAY ? 'ARCHIVED' : 'CLOSED'));
    }
    const year = Number(shanghaiDate(new Date(now)).slice(0, 4));
    this.openCampaign = this.campaign(rng, this.campaigns.length + 1, year, (perYear.get(year) ?? 0) + 1, now - 3 * DAY, now + 30 * DAY, 'OPEN');
    this.openCampaign.categories = [...CATEGORIES];
    this.openCampaign.requireReplyReview = false;
    this.campaigns.push(this.openCampaign);

    let staffId = 0;
    const add = (username: string, displayName: string, roles: string[], unitId: number | null) => {
      this.staff.push({ id: ++staffId, username, displayName, roles, unitId });
      return staffId;
    };
    add('admin', '系统管理员', ['ADMIN'], null);
    for (let i = 1; i <= 3; i++) this.coordinatorIds.push(add(`coordinator${i}`, `协调员${i}`, ['COORDINATOR'], null));
    for (let i = 1; i <= size.evaluators; i++) this.evaluatorIds.push(add(`evaluator${i}`, `评议员${i}`, ['EVALUATOR'], null));
    for (const unitId of this.leadUnitIds) {
      this.handlerOfUnit.set(unitId, add(`handler-${unitId}`, `经办人${unitId}`, ['UNIT_HANDLER'], unitId));
      this.adminOfUnit.set(unitId, add(`unitadmin-${unitId}`, `单位管理员${unitId}`, ['UNIT_ADMIN'], unitId));
    }
  }

  private campaign(rng: Rng, id: number, year: number, number: number, opensAt: number, closesAt: number, status: CampaignSeed['status']): CampaignSeed {
    const topic = rng.pick(CAMPAIGN_TOPICS);
    const categories = CATEGORIES.filter(() => rng.chance(0.6));
    return {
      id,
      year,
      number,
      title: `第${number}期“${topic}”专题建言征集`,
      topic,
      opensAt,
      closesAt,
      status,
      categories: categories.length ? categories : [...CATEGORIES],
      requireReplyReview: rng.chance(0.2),
    };
  }

  /** The campaign open when a suggestion came in (weekly campaigns, each open two weeks). */
  campaignAt(t: number): CampaignSeed {
    return this.campaigns[Math.max(0, Math.min(this.campaigns.length - 2, Math.floor((t - this.start) / WEEK)))]!;
  }

  /** The platform's deadline rule (end of the Nth working day after), memoised per day. */
  deadlineAfter(t: number, workingDays: number): number {
    const key = Math.floor((t + SHANGHAI_OFFSET_MS) / DAY) * 100 + workingDays;
    let due = this.deadlineCache.get(key);
    if (due === undefined) {
      const date = this.calendar.nthWorkingDateAfter(shanghaiDate(new Date(t)), workingDays);
      due = startOfShanghaiDate(date).getTime() + DAY - 1;
      this.deadlineCache.set(key, due);
    }
    return due;
  }
}
