import { ForbiddenError, ValidationError } from '../common/errors.js';
import { ADMINISTRATIVE_CASE_LIFECYCLE, caseMayConclude } from './administrative-case-lifecycle.js';
import { DisclosureStepError } from './disclosure.errors.js';

describe('the administrative case lifecycle (行政复议、行政诉讼)', () => {
  const filedAt = new Date('2025-07-20T02:00:00Z');
  const facts = { caseId: 12, result: 'UPHELD' as const, filedAt, concludedAt: new Date('2025-08-01T02:00:00Z') };

  it('a pending case is concluded once, to the result the office records, with a line on the request’s history', () => {
    for (const result of ['UPHELD', 'CORRECTED', 'OTHER'] as const) {
      expect(ADMINISTRATIVE_CASE_LIFECYCLE.decide('PENDING', 'conclude', ['OFFICE'], { ...facts, result })).toEqual({
        from: 'PENDING',
        to: result,
        changesStatus: true,
        effects: { requestHistory: 'ADMINISTRATIVE_CASE_CONCLUDED' },
      });
    }
    expect(caseMayConclude({ result: 'PENDING' })).toBe(true);
  });

  it('a concluded case refuses another conclusion with CASE_CONCLUDED', () => {
    for (const status of ['UPHELD', 'CORRECTED', 'OTHER'] as const) {
      const refusal = (() => {
        try {
          ADMINISTRATIVE_CASE_LIFECYCLE.decide(status, 'conclude', ['OFFICE'], { ...facts, result: 'CORRECTED' });
        } catch (err) {
          return err;
        }
      })();
      expect(refusal).toBeInstanceOf(DisclosureStepError);
      expect(refusal).toMatchObject({ reason: 'CASE_CONCLUDED', message: 'Case 12 was already concluded', details: { reason: 'CASE_CONCLUDED', result: status } });
      expect(caseMayConclude({ result: status })).toBe(false);
    }
  });

  it('a conclusion needs a concluded result, dated no earlier than the filing', () => {
    expect(() => ADMINISTRATIVE_CASE_LIFECYCLE.decide('PENDING', 'conclude', ['OFFICE'], { ...facts, result: 'PENDING', concludedAt: null })).toThrow(ValidationError);
    expect(() => ADMINISTRATIVE_CASE_LIFECYCLE.decide('PENDING', 'conclude', ['OFFICE'], { ...facts, result: 'PENDING', concludedAt: null })).toThrow('Conclude a case with UPHELD, CORRECTED or OTHER');
    const early = { ...facts, concludedAt: new Date(filedAt.getTime() - 1) };
    expect(() => ADMINISTRATIVE_CASE_LIFECYCLE.decide('PENDING', 'conclude', ['OFFICE'], early)).toThrow(expect.objectContaining({ field: 'concludedAt' }));
    expect(ADMINISTRATIVE_CASE_LIFECYCLE.decide('PENDING', 'conclude', ['OFFICE'], { ...facts, concludedAt: filedAt }).to).toBe('UPHELD');
  });

  it('the office alone concludes', () => {
    expect(() => ADMINISTRATIVE_CASE_LIFECYCLE.decide('PENDING', 'conclude', [], facts)).toThrow(ForbiddenError);
  });
});
