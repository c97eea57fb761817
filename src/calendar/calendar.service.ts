import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, Like } from 'typeorm';
import { requireRole, type Actor } from '../auth/actor.js';
import type { StaffRole } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { ValidationError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { CalendarDayEntity, type CalendarDayKind } from './calendar-day.entity.js';
import { HOLIDAY_SOURCE, officialExceptions } from './holiday-source.js';
import { WorkingDayCalendar } from './working-days.js';
import { msg } from '../common/i18n/message.js';

// Other api instances pick up admin edits within this time.
const CACHE_TTL_MS = 60_000;

/** The one calendar service: every deadline comes from `calendar()`. */
/** Who keeps the local changes to the calendar (issue 15): the office, and administrators. */
export const CALENDAR_KEEPERS: readonly StaffRole[] = ['ADMIN', 'COORDINATOR'];

@Injectable()
export class CalendarService implements OnModuleInit {
  private cached: { at: number; calendar: WorkingDayCalendar } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.seedOfficialDays();
  }

  /** Adds official days not yet stored; never overwrites an admin's edit. */
  async seedOfficialDays(): Promise<number> {
    // Every year the schedule covers: a back-dated disclosure request counts its deadline in its own year.
    const official = officialExceptions();
    const existing = new Set(
      (await this.dataSource.getRepository(CalendarDayEntity).find({ select: { date: true }, where: { date: In(official.map((d) => d.date)) } })).map((d) => d.date),
    );
    const missing = official.filter((d) => !existing.has(d.date));
    if (missing.length === 0) return 0;
    const now = this.clock.now();
    await this.tx.run((em) =>
      em.createQueryBuilder().insert().into(CalendarDayEntity)
        .values(missing.map((d) => ({ ...d, source: HOLIDAY_SOURCE, updatedAt: now })))
        .orIgnore()
        .execute(),
    );
    this.cached = null;
    return missing.length;
  }

  async calendar(): Promise<WorkingDayCalendar> {
    const nowMs = Date.now();
    if (this.cached && nowMs - this.cached.at < CACHE_TTL_MS) return this.cached.calendar;
    const rows = await this.dataSource.getRepository(CalendarDayEntity).find();
    const calendar = new WorkingDayCalendar(new Map(rows.map((r) => [r.date, r.kind])));
    this.cached = { at: nowMs, calendar };
    return calendar;
  }

  list(year: number): Promise<CalendarDayEntity[]> {
    return this.dataSource.getRepository(CalendarDayEntity).find({ where: { date: Like(`${year}-%`) }, order: { date: 'ASC' } });
  }

  /** Sets a local change for a date, or clears it (kind null), which brings back the official entry if there is one. */
  async setDay(actor: Actor, date: string, kind: CalendarDayKind | null, name: string | null): Promise<CalendarDayEntity | null> {
    requireRole(actor, CALENDAR_KEEPERS);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new ValidationError(msg('input.dateFormat', { field: 'date' }), 'date');
    }
    const result = await this.tx.run(async (em) => {
      if (kind === null) {
        await em.delete(CalendarDayEntity, { date });
        // Removing a local change over an official day restores the official entry
        // (otherwise it would vanish until the next start re-seeds it).
        const official = officialExceptions(2025).find((d) => d.date === date);
        if (!official) return null;
        const restored = { ...official, source: HOLIDAY_SOURCE, updatedAt: this.clock.now() };
        await em.save(CalendarDayEntity, restored);
        return restored as CalendarDayEntity;
      }
      const row = { date, kind, name, source: 'admin', updatedAt: this.clock.now() };
      await em.save(CalendarDayEntity, row);
      return row as CalendarDayEntity;
    });
    this.cached = null;
    return result;
  }
}
