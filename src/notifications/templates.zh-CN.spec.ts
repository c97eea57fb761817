import { chineseDate, renderTemplate, TEMPLATES } from './templates.zh-CN.js';

describe('zh-CN templates', () => {
  // A template that needs a new param: add it here, so every template is rendered whole.
  const params = { trackingNumber: 'JY20260001234', quarterLabel: '2026年第1季度', dueAt: '2026-03-03T15:59:59.999Z', replyDueAt: '2026-03-03T15:59:59.999Z', ratingDueAt: '2026-03-10T02:00:00.000Z', level: 3 };

  it('render every template with its tracking number and no holes', () => {
    for (const name of Object.keys(TEMPLATES)) {
      const text = renderTemplate(name, params);
      expect(text).toContain('JY20260001234');
      expect(text).not.toMatch(/undefined|NaN|Invalid/);
      expect(text.startsWith('【')).toBe(true);
    }
  });

  it('write dates on the Shanghai calendar', () => {
    expect(chineseDate('2026-03-03T15:59:59.999Z')).toBe('2026年3月3日');
    expect(chineseDate('2026-03-03T16:00:00.000Z')).toBe('2026年3月4日');
  });

  it('escalation texts count the level', () => {
    expect(renderTemplate('unit.overdue', { ...params, level: 2 })).toContain('第2次督办');
    expect(renderTemplate('office.overdue', params)).toContain('经2次督办');
  });

  it('every template has its English wording, with the same tracking number and no Chinese', () => {
    for (const name of Object.keys(TEMPLATES)) {
      const text = renderTemplate(name, params, 'en');
      expect(text).toContain('JY20260001234');
      expect(text).not.toMatch(/undefined|NaN|Invalid|\p{Script=Han}/u);
    }
    expect(renderTemplate('resident.award-winner', params, 'en')).toContain('Q1 2026');
  });

  it('an unknown template still renders a neutral line', () => {
    expect(renderTemplate('no.such', {})).toBe('【温馨提醒】您有一条新消息（no.such）。');
  });
});
