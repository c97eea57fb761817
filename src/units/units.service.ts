import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { ReadRouting } from '../database/read-routing.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { UnitEntity, type UnitKind } from './unit.entity.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { ADMIN_ROLES } from '../auth/roles.js';
import { msg } from '../common/i18n/message.js';
import { publicChange } from '../public-cache/public-changes.js';

@Injectable()
export class UnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly reads: ReadRouting,
  ) {}

  list(actor: Actor, args: { first: number; after?: string | null; kind?: UnitKind; includeInactive?: boolean }): Promise<ConnectionShape<UnitEntity>> {
    return this.reads.fromReplicaUnlessStaff(actor, () => this.page(args));
  }

  private async page(args: { first: number; after?: string | null; kind?: UnitKind; includeInactive?: boolean }): Promise<ConnectionShape<UnitEntity>> {
    const qb = this.dataSource.getRepository(UnitEntity).createQueryBuilder('u');
    if (args.kind) qb.andWhere('u.kind = :kind', { kind: args.kind });
    if (!args.includeInactive) qb.andWhere('u.active = :active', { active: true });
    const total = countLater(qb);
    applyKeyset(qb, 'u.id', 'u.id', 'ASC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (u) => [u.id, u.id], (u) => u);
  }

  findById(id: number): Promise<UnitEntity | null> {
    return this.dataSource.getRepository(UnitEntity).findOneBy({ id });
  }

  /** Loads an active unit or throws; used when routing work to units. */
  async requireActive(em: EntityManager, id: number, field: string): Promise<UnitEntity> {
    const unit = await em.findOneBy(UnitEntity, { id });
    if (!unit) throw new NotFoundError('Unit', id);
    if (!unit.active) throw new ValidationError(msg('unit.inactive', { code: unit.code }), field);
    return unit;
  }

  /** Administrators keep the units (ADMIN_ROLES, as the mutations' @Allow). */
  async create(actor: Actor, input: { code: string; name: string; kind: UnitKind; parentId?: number | null }): Promise<UnitEntity> {
    requireRole(actor, ADMIN_ROLES);
    return this.tx.run(async (em) => {
      if (await em.findOneBy(UnitEntity, { code: input.code })) {
        throw new ConflictError(msg('unit.codeTaken', { code: input.code }), { field: 'code' });
      }
      if (input.parentId) await this.requireParent(em, input.parentId);
      const now = this.clock.now();
      const unit = em.create(UnitEntity, { ...input, parentId: input.parentId ?? null, active: true, createdAt: now, updatedAt: now });
      publicChange(em, 'unit.changed');
      return em.save(unit);
    });
  }

  async update(actor: Actor, input: { id: number; name?: string; kind?: UnitKind; parentId?: number | null; active?: boolean }): Promise<UnitEntity> {
    requireRole(actor, ADMIN_ROLES);
    return this.tx.run(async (em) => {
      const unit = await em.findOneBy(UnitEntity, { id: input.id });
      if (!unit) throw new NotFoundError('Unit', input.id);
      if (input.parentId !== undefined && input.parentId !== null) {
        if (input.parentId === unit.id) throw new ValidationError(msg('unit.ownParent'), 'parentId');
        await this.requireParent(em, input.parentId);
      }
      Object.assign(unit, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.parentId !== undefined && { parentId: input.parentId }),
        ...(input.active !== undefined && { active: input.active }),
        updatedAt: this.clock.now(),
      });
      publicChange(em, 'unit.changed');
      return em.save(unit);
    });
  }

  private async requireParent(em: EntityManager, parentId: number): Promise<void> {
    if (!(await em.findOneBy(UnitEntity, { id: parentId }))) throw new NotFoundError('Unit', parentId);
  }
}
