import { ConflictError, ForbiddenError } from '../common/errors.js';
import { AWARD_ROUND_LIFECYCLE, decideRound } from './award-round-lifecycle.js';

describe('the award round lifecycle', () => {
  it('computes a draft or computed round, then publishes; weights and winners change no status', () => {
    expect(decideRound({ status: 'DRAFT', quarter: '2026Q3' }, 'compute', 'SYSTEM')).toBe('COMPUTED');
    expect(decideRound({ status: 'COMPUTED', quarter: '2026Q3' }, 'compute', 'OFFICE')).toBe('COMPUTED');
    expect(decideRound({ status: 'COMPUTED', quarter: '2026Q3' }, 'publish', 'OFFICE')).toBe('PUBLISHED');
    expect(decideRound({ status: 'DRAFT', quarter: '2026Q3' }, 'setWeights', 'OFFICE')).toBe('DRAFT');
    expect(AWARD_ROUND_LIFECYCLE.allowed('COMPUTED', ['OFFICE'])).toEqual(['compute', 'setWeights', 'confirmWinners', 'publish']);
  });

  it('freezes a published round and asks for a computed one before winners or publishing', () => {
    for (const action of ['compute', 'setWeights', 'confirmWinners', 'publish'] as const) {
      expect(() => decideRound({ status: 'PUBLISHED', quarter: '2026Q3' }, action, 'OFFICE')).toThrow(/2026Q3/);
    }
    expect(() => decideRound({ status: 'DRAFT', quarter: '2026Q3' }, 'publish', 'OFFICE')).toThrow(ConflictError);
    expect(() => decideRound({ status: 'COMPUTED', quarter: '2026Q3' }, 'publish', 'SYSTEM')).toThrow(ForbiddenError);
  });
});
