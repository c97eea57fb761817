import { officialExceptions } from '../../src/calendar/holiday-source.js';
import { given } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';

// The office keeps the working-day calendar's local changes (issue 15): set and remove through
// setCalendarDay, listed by calendarDays; removing a change over an official day brings it back.

const SET = graphql(`mutation CalendarSet($input: SetCalendarDayInput!) { setCalendarDay(input: $input) { date day { date kind name source } } }`);
const DAYS = graphql(`query CalendarDays($year: Int!) { calendarDays(year: $year) { date kind name source } }`);

describe(describeDb('working-day calendar, local changes'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('calendar'))!;
  });
  afterAll(async () => t?.close());

  it('lets the coordinator add and remove a local change, and lists it', async () => {
    if (!t) return;
    const coordinator = await given(t).staff(['COORDINATOR']);
    // 2030-06-08 is a Saturday: made a working day locally.
    const set = await t.gql(SET, { input: { date: '2030-06-08', kind: 'WORKDAY', name: '防汛值守' } }, coordinator.token);
    expect(set.errors).toBeUndefined();
    expect(set.data.setCalendarDay.day).toEqual({ date: '2030-06-08', kind: 'WORKDAY', name: '防汛值守', source: 'admin' });
    const listed = (await t.gql(DAYS, { year: 2030 })).data.calendarDays;
    expect(listed).toContainEqual({ date: '2030-06-08', kind: 'WORKDAY', name: '防汛值守', source: 'admin' });

    const removed = await t.gql(SET, { input: { date: '2030-06-08', kind: null } }, coordinator.token);
    expect(removed.errors).toBeUndefined();
    expect(removed.data.setCalendarDay).toEqual({ date: '2030-06-08', day: null });
    expect((await t.gql(DAYS, { year: 2030 })).data.calendarDays.map((d: { date: string }) => d.date)).not.toContain('2030-06-08');
  });

  it('brings an official day back when the local change over it is removed', async () => {
    if (!t) return;
    const coordinator = await given(t).staff(['COORDINATOR']);
    const official = officialExceptions(2025).find((d) => d.kind === 'HOLIDAY')!;
    const year = Number(official.date.slice(0, 4));
    const over = await t.gql(SET, { input: { date: official.date, kind: 'WORKDAY', name: '本地调整' } }, coordinator.token);
    expect(over.data.setCalendarDay.day).toMatchObject({ kind: 'WORKDAY', source: 'admin' });
    const back = await t.gql(SET, { input: { date: official.date, kind: null } }, coordinator.token);
    expect(back.errors).toBeUndefined();
    expect(back.data.setCalendarDay.day).toMatchObject({ date: official.date, kind: 'HOLIDAY', name: official.name });
    expect(back.data.setCalendarDay.day.source).toMatch(/^chinese-days@/);
    const listed = (await t.gql(DAYS, { year })).data.calendarDays.find((d: { date: string }) => d.date === official.date);
    expect(listed).toMatchObject({ kind: 'HOLIDAY', source: back.data.setCalendarDay.day.source });
  });

  it('refuses other roles and an impossible date, in the caller’s language', async () => {
    if (!t) return;
    const g = given(t);
    const coordinator = await g.staff(['COORDINATOR']);
    const unit = await g.unit();
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const resident = await g.resident();
    for (const token of [handler.token, resident.token]) {
      expect((await t.gql(SET, { input: { date: '2030-06-09', kind: 'WORKDAY' } }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const zh = await t.gql(SET, { input: { date: '2030-02-30', kind: 'HOLIDAY' } }, coordinator.token);
    expect(zh.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    expect(zh.errors?.[0]?.message).toContain('YYYY-MM-DD');
    expect(zh.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await t.gql(SET, { input: { date: '2030-02-30', kind: 'HOLIDAY' } }, coordinator.token, { 'accept-language': 'en' });
    expect(en.errors?.[0]?.message).toMatch(/must be a date YYYY-MM-DD/);
    expect((await t.gql(DAYS, { year: 2030 })).data.calendarDays.map((d: { date: string }) => d.date)).not.toContain('2030-06-09');
  });
});
