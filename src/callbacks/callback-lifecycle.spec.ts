import { ConflictError, ForbiddenError } from '../common/errors.js';
import { callbackParties } from './callback-access.js';
import { CALLBACK_LIFECYCLE } from './callback-lifecycle.js';
import type { Actor } from '../auth/actor.js';

describe('the call-back task lifecycle (回访)', () => {
  it('the office records an open call once, which closes it', () => {
    expect(CALLBACK_LIFECYCLE.decide('OPEN', 'complete', ['OFFICE'], {})).toEqual({ from: 'OPEN', to: 'DONE', changesStatus: true, effects: undefined });
    expect(() => CALLBACK_LIFECYCLE.decide('DONE', 'complete', ['OFFICE'], {})).toThrow(ConflictError);
    expect(() => CALLBACK_LIFECYCLE.decide('DONE', 'complete', ['OFFICE'], {})).toThrow('This call task was already completed');
    expect(CALLBACK_LIFECYCLE.allowed('OPEN', ['OFFICE'])).toEqual(['complete']);
    expect(CALLBACK_LIFECYCLE.allowed('DONE', ['OFFICE'])).toEqual([]);
  });

  it('those who only read the calls (an auditor, a handling unit) may not record one', () => {
    for (const party of ['AUDITOR', 'HANDLING_UNIT'] as const) {
      expect(() => CALLBACK_LIFECYCLE.decide('OPEN', 'complete', [party], {})).toThrow(ForbiddenError);
      expect(CALLBACK_LIFECYCLE.allowed('OPEN', [party])).toEqual([]);
    }
  });

  it('a caller with no part is refused before the task’s status shows', () => {
    expect(() => CALLBACK_LIFECYCLE.decide('OPEN', 'complete', [], {})).toThrow(ForbiddenError);
    expect(() => CALLBACK_LIFECYCLE.decide('DONE', 'complete', [], {})).toThrow(ForbiddenError);
  });
});

describe('a caller’s parts in an item’s call tasks', () => {
  const staff = (roles: Extract<Actor, { kind: 'staff' }>['roles'], unitId: number | null = null): Actor => ({ kind: 'staff', id: 1, roles, unitId });
  const handledBy = (unit: number) => async (unitId: number) => unitId === unit;

  it('the office, an auditor, or the staff of a unit that handles the item; nobody else', async () => {
    expect(await callbackParties(staff(['COORDINATOR']), handledBy(7))).toEqual(['OFFICE']);
    expect(await callbackParties(staff(['COORDINATOR', 'AUDITOR']), handledBy(7))).toEqual(['OFFICE']);
    expect(await callbackParties(staff(['AUDITOR']), handledBy(7))).toEqual(['AUDITOR']);
    expect(await callbackParties(staff(['UNIT_HANDLER'], 7), handledBy(7))).toEqual(['HANDLING_UNIT']);
    expect(await callbackParties(staff(['UNIT_ADMIN'], 7), handledBy(7))).toEqual(['HANDLING_UNIT']);
    expect(await callbackParties(staff(['UNIT_HANDLER'], 8), handledBy(7))).toEqual([]);
    expect(await callbackParties(staff(['EVALUATOR']), handledBy(7))).toEqual([]);
    expect(await callbackParties(staff(['COUNTER_CLERK']), handledBy(7))).toEqual([]);
    expect(await callbackParties({ kind: 'resident', id: 1 }, handledBy(7))).toEqual([]);
  });
});
