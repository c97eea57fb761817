import { JwtService } from '@nestjs/jwt';
import { TokenService } from '../../src/auth/token.service.js';
import type { AppConfig } from '../../src/config/app-config.js';
import type { World } from '../data/world.js';

/**
 * Signed-in callers for the load runs, with tokens minted by the platform's own TokenService
 * and the run's secret (what a sign-in would return). Each resident also gets an address of
 * its own, sent as X-Forwarded-For (the production api trusts its proxy), so neither the
 * per-address nor the per-resident submission limits, nor the daily cap, throttle a run that
 * spreads its submissions over every resident in turn.
 */
export interface Caller {
  id: number;
  token: string;
  address: string;
}

export interface Callers {
  residents: Caller[];
  /** One unit handler per unit that leads items. */
  handlers: (Caller & { unitId: number })[];
}

export function mintCallers(config: AppConfig, world: World): Callers {
  const tokens = new TokenService(new JwtService(), config);
  const residents: Caller[] = [];
  for (let id = 1; id <= world.size.residents; id++) {
    residents.push({ id, token: tokens.issue({ kind: 'resident', id }).token, address: addressOf(id) });
  }
  const handlers = world.leadUnitIds.map((unitId) => {
    const id = world.handlerOfUnit.get(unitId)!;
    return { id, unitId, token: tokens.issue({ kind: 'staff', id, authzVersion: 1 }).token, address: addressOf(1_000_000 + id) };
  });
  return { residents, handlers };
}

/** A distinct documentation-range-like private address per caller (10.x.y.z). */
function addressOf(n: number): string {
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Hands out callers in turn, across every run of a benchmark. */
export class RoundRobin<T> {
  private next = 0;
  constructor(private readonly items: readonly T[]) {
    if (!items.length) throw new Error('nothing to hand out');
  }
  take(): T {
    const item = this.items[this.next % this.items.length]!;
    this.next++;
    return item;
  }
  get handedOut(): number {
    return this.next;
  }
}
