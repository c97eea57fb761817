import fc from 'fast-check';
import type { Actor } from '../auth/actor.js';
import { STAFF_ROLES, type StaffRole } from '../auth/roles.js';
import { mayGrant, mayManage, passwordProblem, selfChangeProblem, shapeProblem, SYSTEM, UNIT_ADMIN_GRANTS } from './staff-rules.js';

// The order of power: a manager may not hand out what sits above them.
const RANK: Record<StaffRole, number> = { UNIT_HANDLER: 1, COUNTER_CLERK: 1, UNIT_ADMIN: 2, EVALUATOR: 2, AUDITOR: 3, COORDINATOR: 3, ADMIN: 4 };
const roles = fc.uniqueArray(fc.constantFrom(...STAFF_ROLES), { minLength: 1, maxLength: 3 });
const unit = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null });
const staff = (r: StaffRole[], unitId: number | null, id = 1): Actor => ({ kind: 'staff', id, roles: r, unitId });

describe('staff rules', () => {
  it('admins (and the system) manage every account and grant every role', () => {
    fc.assert(fc.property(roles, unit, roles, unit, (tr, tu, gr, gu) => {
      for (const m of [SYSTEM, staff(['ADMIN'], null)]) {
        if (!mayManage(m, { roles: tr, unitId: tu }) || !mayGrant(m, gr, gu)) return false;
      }
      return true;
    }));
  });

  it('a unit admin manages only handlers of their own unit, and grants nothing above a handler', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), roles, unit, roles, unit, (own, tr, tu, gr, gu) => {
      const ua = staff(['UNIT_ADMIN'], own);
      const manages = mayManage(ua, { roles: tr, unitId: tu });
      const grants = mayGrant(ua, gr, gu);
      const handlersOfOwn = (r: StaffRole[], u: number | null) => u === own && r.every((x) => x === 'UNIT_HANDLER');
      if (manages !== handlersOfOwn(tr, tu)) return false;
      if (grants !== handlersOfOwn(gr, gu)) return false;
      // never above their own rank
      return !grants || gr.every((r) => RANK[r] < RANK.UNIT_ADMIN);
    }));
  });

  it('anyone else manages no one', () => {
    fc.assert(fc.property(roles.filter((r) => !r.includes('ADMIN') && !r.includes('UNIT_ADMIN')), unit, roles, unit, (mr, mu, tr, tu) => {
      const m = staff(mr, mu);
      return !mayManage(m, { roles: tr, unitId: tu }) && !mayGrant(m, tr, tu) && !mayManage({ kind: 'resident', id: 1 }, { roles: tr, unitId: tu }) && !mayManage({ kind: 'anonymous' }, { roles: tr, unitId: tu });
    }));
  });

  it('unit roles need a unit; roles are non-empty and unique', () => {
    expect(shapeProblem(['UNIT_HANDLER'], null)).toMatchObject({ field: 'unitId' });
    expect(shapeProblem([], 1)).toMatchObject({ field: 'roles' });
    expect(shapeProblem(['ADMIN', 'ADMIN'], null)).toMatchObject({ field: 'roles' });
    expect(shapeProblem(['COORDINATOR'], null)).toBeNull();
    expect(shapeProblem([...UNIT_ADMIN_GRANTS], 3)).toBeNull();
  });

  it('no one deactivates themselves or drops their own ADMIN role', () => {
    const admin = staff(['ADMIN'], null, 9);
    expect(selfChangeProblem(admin, 9, { active: false })).not.toBeNull();
    expect(selfChangeProblem(admin, 9, { roles: ['AUDITOR'] })).not.toBeNull();
    expect(selfChangeProblem(admin, 10, { active: false })).toBeNull();
    expect(selfChangeProblem(admin, 9, { roles: ['ADMIN', 'AUDITOR'] })).toBeNull();
  });

  it('passwords: 12 to 200 characters, not containing the username', () => {
    expect(passwordProblem('short', 'bob')).not.toBeNull();
    expect(passwordProblem('x'.repeat(201), 'bob')).not.toBeNull();
    expect(passwordProblem('my-name-is-Alice-123', 'alice')).not.toBeNull();
    expect(passwordProblem('correct horse battery staple', 'alice')).toBeNull();
  });
});
