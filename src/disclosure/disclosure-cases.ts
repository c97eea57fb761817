import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startOfShanghaiDate } from '../calendar/shanghai-time.js';
import { applyKeyset, countLater, toConnection, type ConnectionShape } from '../graphql/connection.js';
import { DisclosureCaseEntity } from './disclosure-case.entity.js';
import type { DisclosureCasesArgs } from './dto/disclosure.inputs.js';
import { toDisclosureCaseObject, type DisclosureCaseObject } from './dto/disclosure.object.js';

/**
 * The office-wide list of administrative reviews and lawsuits (行政复议 / 行政诉讼) across the
 * ledger's requests: by the (Shanghai) year filed, kind, result and request, newest first,
 * with the cursor. Read only; recordAdministrativeCase writes them.
 */
@Injectable()
export class DisclosureCasesQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(args: DisclosureCasesArgs): Promise<ConnectionShape<DisclosureCaseObject>> {
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
    return toConnection(rows, args.first, total, (c) => [c.id, c.id], toDisclosureCaseObject);
  }
}
