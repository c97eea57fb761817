import { handlerCoverageProblems } from './handler-coverage.js';

describe('handler coverage', () => {
  const names = ['a', 'b'];
  it('accepts exactly one handler per job', () => {
    expect(handlerCoverageProblems(names, [{ job: 'a', owner: 'X.a' }, { job: 'b', owner: 'Y.b' }])).toEqual([]);
  });
  it('names missing, duplicate and unknown handlers', () => {
    expect(
      handlerCoverageProblems(names, [
        { job: 'a', owner: 'X.a' },
        { job: 'a', owner: 'Z.a' },
        { job: 'c', owner: 'Y.c' },
      ]),
    ).toEqual(['job "a" has 2 handlers: X.a, Z.a', 'job "b" has no @OnJob handler', 'Y.c handles "c", which is not a job name in JOB_SPECS']);
  });
});
