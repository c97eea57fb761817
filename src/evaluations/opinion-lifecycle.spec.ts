import { ConflictError } from '../common/errors.js';
import { OPINION_LIFECYCLE } from './opinion-lifecycle.js';

describe('the evaluator opinion lifecycle', () => {
  it('the office answers an open opinion once, which closes it', () => {
    expect(OPINION_LIFECYCLE.decide('OPEN', 'answer', ['OFFICE'], {}).to).toBe('CLOSED');
    expect(() => OPINION_LIFECYCLE.decide('CLOSED', 'answer', ['OFFICE'], {})).toThrow(ConflictError);
    expect(OPINION_LIFECYCLE.allowed('CLOSED', ['OFFICE'])).toEqual([]);
  });
});
