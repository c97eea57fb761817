import fc from 'fast-check';
import { AUDIENCES, STANDINGS, counterText, noteAudience, photoAccess, photoIsPublic, readText, recorderVisible, standingOn, visibility, type Standing } from './text-visibility.js';
import type { StaffRole } from '../auth/roles.js';

// The policy as a table: properties that must hold for every standing × audience × fact.
const facts = fc.record({ consentToPublish: fc.boolean(), published: fc.boolean() });
const OUTSIDERS: Standing[] = ['EVALUATOR', 'PUBLIC'];

describe('the text policy', () => {
  it('shows text unmasked only to the author, and only their own words', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STANDINGS), fc.constantFrom(...AUDIENCES), facts, (standing, audience, f) => {
        if (visibility(standing, audience, f) === 'FULL') {
          expect(standing).toBe('AUTHOR');
          expect(['AUTHOR_TEXT', 'AUTHOR_PRIVATE']).toContain(audience);
        }
      }),
    );
  });

  it('never shows internal notes, rating comments or staff records to the author, evaluators or the public', () => {
    for (const standing of ['AUTHOR', ...OUTSIDERS] as Standing[]) {
      for (const f of [{ consentToPublish: true, published: true }, { consentToPublish: false, published: false }]) {
        expect(visibility(standing, 'INTERNAL', f)).toBe('HIDDEN');
        if (standing !== 'AUTHOR') expect(visibility(standing, 'AUTHOR_PRIVATE', f)).toBe('HIDDEN');
        if (standing !== 'EVALUATOR') expect(visibility(standing, 'STAFF_RECORD', f)).toBe('HIDDEN');
      }
    }
  });

  it('shows outsiders an item’s words and answer only with consent (and the answer only once published)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OUTSIDERS), facts, (standing, f) => {
        expect(visibility(standing, 'AUTHOR_TEXT', f) !== 'HIDDEN').toBe(f.consentToPublish);
        expect(visibility(standing, 'ANSWER', f) !== 'HIDDEN').toBe(f.consentToPublish && f.published);
      }),
    );
  });

  it('keeps working notes internal, by default for any action it does not know', () => {
    const known = ['reject', 'close', 'rateSatisfied', 'rateUnsatisfied', 'autoClose'];
    fc.assert(fc.property(fc.string(), (action) => known.includes(action) || noteAudience(action) === 'INTERNAL'));
    for (const action of ['assign', 'transfer', 'return', 'progress-note', 'merge', 'extension-requested', 'extension-approved', 'approveReply', 'sendBackReply', 'unknown']) {
      expect(noteAudience(action)).toBe('INTERNAL');
    }
    expect(noteAudience('rateUnsatisfied')).toBe('AUTHOR_PRIVATE');
    expect(noteAudience('reject')).toBe('TO_AUTHOR');
  });

  it('masks what it shows to anyone but the author', () => {
    const item = { consentToPublish: true, authorName: '欧阳建国', published: true };
    expect(readText('PUBLIC', 'AUTHOR_TEXT', '我是欧阳建国，电话13812345678', item)).toBe('我是欧***，电话138****5678');
    expect(readText('AUTHOR', 'AUTHOR_TEXT', '我是欧阳建国，电话13812345678', item)).toBe('我是欧阳建国，电话13812345678');
    expect(readText('OFFICE', 'INTERNAL', '已联系13812345678', item)).toBe('已联系138****5678');
    expect(readText('EVALUATOR', 'INTERNAL', '已联系13812345678', item)).toBeNull();
  });

  it('ranks standings: the author first, then the office, the item’s units, oversight, evaluators', () => {
    const staff = (roles: StaffRole[], unitId: number | null = null) => ({ kind: 'staff' as const, id: 9, roles, unitId });
    const item = { authorId: 1 };
    expect(standingOn({ kind: 'resident', id: 1 }, item, [])).toBe('AUTHOR');
    expect(standingOn({ kind: 'resident', id: 2 }, item, [])).toBe('PUBLIC');
    expect(standingOn({ kind: 'anonymous' }, item, [])).toBe('PUBLIC');
    expect(standingOn(staff(['COORDINATOR', 'EVALUATOR']), item, [])).toBe('OFFICE');
    expect(standingOn(staff(['UNIT_HANDLER'], 3), item, [3])).toBe('UNIT');
    expect(standingOn(staff(['UNIT_HANDLER'], 4), item, [3])).toBe('PUBLIC');
    expect(standingOn(staff(['AUDITOR']), item, [3])).toBe('OVERSIGHT');
    expect(standingOn(staff(['EVALUATOR']), item, [3])).toBe('EVALUATOR');
  });

  it('shows who recorded an item (代录) only to the staff handling it', () => {
    expect(STANDINGS.filter(recorderVisible)).toEqual(['OFFICE', 'UNIT', 'OVERSIGHT']);
  });

  it('counter staff read masked words, the office’s words to the author and published answers; nothing internal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...AUDIENCES), facts, (audience, f) => {
        const item = { ...f, authorName: '王秀英' };
        const shown = counterText(audience, '王秀英 13912345678', item);
        const expected = ['AUTHOR_TEXT', 'TO_AUTHOR', 'PUBLIC_SAFE'].includes(audience) || (audience === 'ANSWER' && f.published);
        expect(shown !== null).toBe(expected);
        if (shown !== null) {
          expect(shown).not.toContain('13912345678');
          expect(shown).not.toContain('王秀英');
        }
      }),
    );
  });

  it('photos: open only for an item published with consent; otherwise signed for the author and staff, nothing for outsiders', () => {
    const reply = fc.option(fc.record({ published: fc.boolean() }), { nil: undefined });
    fc.assert(
      fc.property(fc.constantFrom(...STANDINGS), facts, reply, (standing, f, r) => {
        const access = photoAccess(standing, f, r);
        const open = f.published && f.consentToPublish && (r?.published ?? true);
        expect(access === 'PUBLIC').toBe(open);
        expect(photoIsPublic(f, r)).toBe(open);
        if (!open && OUTSIDERS.includes(standing)) expect(access).toBe('NONE');
        if (!open && ['OFFICE', 'UNIT', 'OVERSIGHT'].includes(standing)) expect(access).toBe('SIGNED');
        // The author sees their own photos, and a reply's once it is published.
        if (!open && standing === 'AUTHOR') expect(access).toBe(r && !r.published ? 'NONE' : 'SIGNED');
      }),
    );
  });
});
