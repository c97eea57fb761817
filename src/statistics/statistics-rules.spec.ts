import { monthsOf, parsePeriod, yearPeriod } from './statistics-period.js';
import { emptyCounts, percent, toFigures } from './statistics-figures.js';
import { approximately, yearSummaryReportSentence, yearSummarySentence } from './year-summary.js';

describe('statistics periods', () => {
  it('are Shanghai calendar days, both ends inclusive', () => {
    const p = parsePeriod('2020-01-01', '2020-12-31');
    expect(p.start.toISOString()).toBe('2019-12-31T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2020-12-31T16:00:00.000Z');
    expect(yearPeriod(2020)).toEqual(p);
  });
  it('refuses bad dates naming the field', () => {
    expect(() => parsePeriod('2020-02-30', '2020-03-01')).toThrow(expect.objectContaining({ field: 'from' }));
    expect(() => parsePeriod('2020-13-01', '2020-12-31')).toThrow(expect.objectContaining({ field: 'from' }));
    expect(() => parsePeriod('2020-01-01', 'tomorrow')).toThrow(expect.objectContaining({ field: 'to' }));
    expect(() => parsePeriod('2020-03-01', '2020-02-01')).toThrow(expect.objectContaining({ field: 'to' }));
    expect(() => parsePeriod('2000-01-01', '2020-01-01')).toThrow(expect.objectContaining({ field: 'to' }));
  });
  it('lists every month touched', () => {
    expect(monthsOf({ from: '2020-11-15', to: '2021-02-01' })).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
    expect(monthsOf({ from: '2020-03-01', to: '2020-03-31' })).toEqual(['2020-03']);
  });
});

describe('figures', () => {
  it('derive rates as percentages with one decimal, null when nothing was due', () => {
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 0)).toBeNull();
    const f = toFigures({ ...emptyCounts(), rated: 3, satisfactionPoints: 180, repliesPublished: 4, repliesOnTime: 3, reopened: 1, replied: 4, adopted: 2 });
    expect(f).toEqual(expect.objectContaining({ satisfaction: 60, onTimeReplyRate: 75, reopenRate: 25, adoptionRate: 50, onTimeSignRate: null }));
    expect(f).not.toHaveProperty('satisfactionPoints');
  });
});

describe('year summary', () => {
  const c = { year: 2020, campaignsPublished: 56, handledAndReplied: 937, adopted: 412 };
  it('reproduces the report sentence', () => {
    expect(yearSummaryReportSentence(c)).toBe('2020年，“你建言，我来办”活动共发布56期，已办理、回复相关诉求900余件、采纳建议400余条。');
    expect(yearSummarySentence(c)).toBe('2020年，“你建言，我来办”活动共发布56期，已办理、回复相关诉求937件、采纳建议412条。');
  });
  it('rounds like the report', () => {
    expect([0, 56, 99, 100, 101, 900, 937, 1250].map(approximately)).toEqual(['0', '56', '99', '100', '100余', '900', '900余', '1200余']);
  });
});
