import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { DataSource } from 'typeorm';
import { startOfShanghaiDate } from '../calendar/shanghai-time.js';
import { Clock } from '../common/clock.js';
import { ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { applyKeyset, countLater, toConnection, type ConnectionShape } from '../graphql/connection.js';
import { DisclosureCaseEntity } from './disclosure-case.entity.js';
import { requireLedgerReader } from './disclosure-ledger.js';
import { DisclosureRequestEntity } from './disclosure-request.entity.js';
import { parseLedgerNumber } from './ledger-number.js';
import type { DisclosureCasesArgs, DisclosureRequestArgs, DisclosureRequestsArgs } from './dto/disclosure.inputs.js';

/** Reads of the ledger for the office, auditors and admins (LEDGER_READERS): rows, which the resolver masks. */
@Injectable()
export class DisclosureReadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, args: DisclosureRequestsArgs): Promise<ConnectionShape<DisclosureRequestEntity>> {
    requireLedgerReader(actor);
    const now = this.clock.now();
    const qb = this.dataSource.getRepository(DisclosureRequestEntity).createQueryBuilder('r');
    if (args.status) qb.andWhere('r.status = :status', { status: args.status });
    if (args.applicantType) qb.andWhere('r.applicantType = :applicantType', { applicantType: args.applicantType });
    if (args.outcome) qb.andWhere('r.outcome = :outcome', { outcome: args.outcome });
    if (args.receivedYear) {
      qb.andWhere('r.receivedAt >= :yearStart AND r.receivedAt < :yearEnd', {
        yearStart: startOfShanghaiDate(`${args.receivedYear}-01-01`),
        yearEnd: startOfShanghaiDate(`${args.receivedYear + 1}-01-01`),
      });
    }
    if (args.overdue === true) qb.andWhere('r.status = :open AND r.dueAt < :now', { open: 'IN_PROGRESS', now });
    if (args.overdue === false) qb.andWhere('NOT (r.status = :open AND r.dueAt < :now)', { open: 'IN_PROGRESS', now });
    if (args.callbackPending === true) qb.andWhere('r.callbackOpenedAt IS NOT NULL AND r.callbackDoneAt IS NULL');
    if (args.callbackPending === false) qb.andWhere('(r.callbackOpenedAt IS NULL OR r.callbackDoneAt IS NOT NULL)');
    const total = countLater(qb);
    applyKeyset(qb, 'r.id', 'r.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (r) => [r.id, r.id], (r) => r);
  }

  async get(actor: Actor, args: DisclosureRequestArgs): Promise<DisclosureRequestEntity | null> {
    requireLedgerReader(actor);
    if ((args.id == null) === (args.ledgerNumber == null)) {
      throw new ValidationError(msg('disclosure.idOrLedger'), args.id == null ? 'id' : 'ledgerNumber');
    }
    const repo = this.dataSource.getRepository(DisclosureRequestEntity);
    let row: DisclosureRequestEntity | null;
    if (args.id != null) {
      row = await repo.findOneBy({ id: args.id });
    } else {
      const parsed = parseLedgerNumber(args.ledgerNumber!);
      if (!parsed) throw new ValidationError(msg('format.ledgerNumber'), 'ledgerNumber');
      row = await repo.findOneBy({ ledgerYear: parsed.year, ledgerSequence: parsed.sequence });
    }
    return row;
  }

  async listCases(actor: Actor, args: DisclosureCasesArgs): Promise<ConnectionShape<DisclosureCaseEntity>> {
    requireLedgerReader(actor);
    const qb = this.dataSource.getRepository(DisclosureCaseEntity).createQueryBuilder('c');
    if (args.year) {
      qb.andWhere('c.filedAt >= :yearStart AND c.filedAt < :yearEnd', {
        yearStart: startOfShanghaiDate(`${args.year}-01-01`),
        yearEnd: startOfShanghaiDate(`${args.year + 1}-01-01`),
      });
    }
    if (args.kind) qb.andWhere('c.kind = :kind', { kind: args.kind });
    if (args.result) qb.andWhere('c.result = :result', { result: args.result });
    if (args.requestId) qb.andWhere('c.requestId = :requestId', { requestId: args.requestId });
    const total = countLater(qb);
    applyKeyset(qb, 'c.id', 'c.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (c) => [c.id, c.id], (c) => c);
  }
}
