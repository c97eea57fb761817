import { defineLifecycle } from './lifecycle.js';

// The core alone, on a small made-up lifecycle (a door): no database, no Nest.
type S = 'CLOSED' | 'OPEN' | 'LOCKED';
type A = 'open' | 'close' | 'lock' | 'knock' | 'unlock';
type P = 'OWNER' | 'GUEST';
interface F { hasKey: boolean; windy?: boolean }

class Refused extends Error {}
const door = () =>
  defineLifecycle<S, A, P, F, { log: string }>({
    name: 'door',
    statuses: ['CLOSED', 'OPEN', 'LOCKED'],
    initial: 'CLOSED',
    refusals: {
      noStanding: () => new Refused('no standing'),
      wrongStatus: (a, s, allowed) => new Refused(`${a} from ${s}; allowed ${allowed.join(',')}`),
      wrongParty: (a, who) => new Refused(`${a} by ${who.join('|')} only`),
    },
    transitions: {
      open: { from: ['CLOSED'], who: ['OWNER', 'GUEST'], to: { targets: ['OPEN', 'CLOSED'], pick: (f) => (f.windy ? 'CLOSED' : 'OPEN') }, effects: { log: 'opened' } },
      close: { from: ['OPEN'], who: ['OWNER', 'GUEST'], to: 'CLOSED' },
      lock: { from: ['CLOSED'], who: ['OWNER'], to: 'LOCKED', guards: [(f) => (f.hasKey ? null : new Refused('no key'))] },
      unlock: { from: ['LOCKED'], who: ['OWNER'], to: 'CLOSED', forbidden: () => new Refused('owners unlock') },
      knock: { from: ['CLOSED', 'LOCKED'], who: ['GUEST'] },
    },
  });

describe('the lifecycle core', () => {
  const f: F = { hasKey: true };

  it('decides the target and hands back the declared effects', () => {
    expect(door().decide('CLOSED', 'open', ['GUEST'], f)).toEqual({ from: 'CLOSED', to: 'OPEN', changesStatus: true, effects: { log: 'opened' } });
    expect(door().decide('CLOSED', 'open', ['GUEST'], { ...f, windy: true }).to).toBe('CLOSED');
    expect(door().decide('LOCKED', 'knock', ['GUEST'], f)).toEqual({ from: 'LOCKED', to: 'LOCKED', changesStatus: false, effects: undefined });
  });

  it('refuses in a fixed order: standing, status, party, guards', () => {
    const d = door();
    expect(() => d.decide('OPEN', 'lock', [], { hasKey: false })).toThrow('no standing');
    expect(() => d.decide('OPEN', 'lock', ['GUEST'], { hasKey: false })).toThrow('lock from OPEN; allowed close');
    expect(() => d.decide('CLOSED', 'lock', ['GUEST'], { hasKey: false })).toThrow('lock by OWNER only');
    expect(() => d.decide('CLOSED', 'lock', ['OWNER'], { hasKey: false })).toThrow('no key');
    expect(() => d.decide('LOCKED', 'unlock', ['GUEST'], f)).toThrow('owners unlock');
    expect(() => d.decide('LOCKED', 'unlock', [], f)).toThrow('owners unlock');
  });

  it('lists allowed actions by status and party, and by the guards when given facts', () => {
    const d = door();
    expect(d.allowed('CLOSED', ['OWNER'])).toEqual(['open', 'lock']);
    expect(d.allowed('CLOSED', ['OWNER'], { hasKey: false })).toEqual(['open']);
    expect(d.allowed('CLOSED', ['GUEST'])).toEqual(['open', 'knock']);
    expect(d.allowed('OPEN', [])).toEqual([]);
    expect(d.targetsOf('open')).toEqual(['OPEN', 'CLOSED']);
    expect(d.targetsOf('knock')).toEqual([]);
  });

  it('without a standing rule, a caller with no party gets the status answer first', () => {
    const open = defineLifecycle<S, 'close', P, F>({
      name: 'ledger',
      statuses: ['OPEN', 'CLOSED'],
      initial: 'OPEN',
      refusals: { wrongStatus: () => new Refused('status'), wrongParty: () => new Refused('party') },
      transitions: { close: { from: ['OPEN'], who: ['OWNER'], to: 'CLOSED' } },
    });
    expect(() => open.decide('CLOSED', 'close', [], f)).toThrow('status');
    expect(() => open.decide('OPEN', 'close', [], f)).toThrow('party');
  });

  it('refuses a table with unknown or unreachable statuses, or nobody to act', () => {
    const base = { name: 'bad', initial: 'CLOSED' as S, refusals: { wrongStatus: () => new Refused(''), wrongParty: () => new Refused('') } };
    expect(() => defineLifecycle<S, 'open', P, F>({ ...base, statuses: ['CLOSED', 'OPEN'], transitions: { open: { from: ['CLOSED'], who: ['OWNER'], to: 'LOCKED' } } })).toThrow('unknown status LOCKED');
    expect(() => defineLifecycle<S, 'open', P, F>({ ...base, statuses: ['CLOSED', 'OPEN', 'LOCKED'], transitions: { open: { from: ['CLOSED'], who: ['OWNER'], to: 'OPEN' } } })).toThrow('unreachable LOCKED');
    expect(() => defineLifecycle<S, 'open', P, F>({ ...base, statuses: ['CLOSED', 'OPEN'], transitions: { open: { from: ['CLOSED'], who: [], to: 'OPEN' } } })).toThrow('nobody may take it');
  });

  it('refuses a picked target the table did not declare', () => {
    const sly = defineLifecycle<S, 'open', P, F>({
      name: 'sly',
      statuses: ['CLOSED', 'OPEN'] as S[],
      initial: 'CLOSED',
      refusals: { wrongStatus: () => new Refused(''), wrongParty: () => new Refused('') },
      transitions: { open: { from: ['CLOSED'], who: ['OWNER'], to: { targets: ['OPEN'], pick: () => 'LOCKED' } } },
    });
    expect(() => sly.decide('CLOSED', 'open', ['OWNER'], f)).toThrow('not a declared target');
  });
});
