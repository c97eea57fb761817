import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { Transactions } from '../database/transactions.js';
import { DisclosureCaseEntity } from './disclosure-case.entity.js';
import { appendEvent, assertPast, requireOffice } from './disclosure-ledger.js';
import { DisclosureRequestEntity } from './disclosure-request.entity.js';
import { ADMINISTRATIVE_CASE_LIFECYCLE, concludesWithResult } from './administrative-case-lifecycle.js';
import { DisclosureStepError } from './disclosure.errors.js';
import type { RecordAdministrativeCaseInput } from './dto/disclosure.inputs.js';

/** Administrative reviews and lawsuits about disclosure (行政复议、行政诉讼), counted by section 四 of the report. */
@Injectable()
export class DisclosureCasesService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /**
   * Records an administrative review or lawsuit (new: kind and filedAt), or concludes a
   * pending one (caseId), as ADMINISTRATIVE_CASE_LIFECYCLE decides, with the history line on the
   * request in the same transaction. Section 四 of the report counts them.
   */
  async recordCase(actor: Actor, input: RecordAdministrativeCaseInput): Promise<DisclosureCaseEntity> {
    const staffId = requireOffice(actor);
    const now = this.clock.now();
    const concludedAt = this.conclusionDate(input, now);
    if (input.caseId) {
      for (const field of ['requestId', 'kind', 'filedAt'] as const) {
        if (input[field] != null) throw new ValidationError(msg('disclosure.caseKeepsField', { field }), field);
      }
      const badResult = concludesWithResult(input);
      if (badResult) throw badResult;
      return this.tx.run(async (em) => {
        const c = await em.findOneBy(DisclosureCaseEntity, { id: input.caseId! });
        if (!c) throw new NotFoundError('AdministrativeCase', input.caseId!);
        const { to, effects } = ADMINISTRATIVE_CASE_LIFECYCLE.decide(c.result, 'conclude', ['OFFICE'], { caseId: c.id, result: input.result, filedAt: c.filedAt, concludedAt });
        const patch = {
          result: to,
          concludedAt,
          caseNumber: input.caseNumber?.trim() || c.caseNumber,
          note: input.note?.trim() || c.note,
          version: c.version + 1,
          updatedAt: now,
        };
        const res = await em.update(DisclosureCaseEntity, { id: c.id, version: c.version }, patch);
        if (!res.affected) throw new DisclosureStepError('STALE', msg('disclosure.STALE'));
        if (c.requestId && effects) await appendEvent(em, c.requestId, effects.requestHistory, staffId, `${c.kind} ${to}`, now);
        return { ...c, ...patch };
      });
    }
    if (!input.kind) throw new ValidationError(msg('input.requiredForNewCase', { field: 'kind' }), 'kind');
    if (!input.filedAt) throw new ValidationError(msg('input.requiredForNewCase', { field: 'filedAt' }), 'filedAt');
    assertPast('filedAt', input.filedAt, now);
    if (concludedAt && concludedAt < input.filedAt) throw new ValidationError(msg('disclosure.beforeCaseFiled', { field: 'concludedAt' }), 'concludedAt');
    return this.tx.run(async (em) => {
      if (input.requestId) {
        const request = await em.findOneBy(DisclosureRequestEntity, { id: input.requestId });
        if (!request) throw new NotFoundError('DisclosureRequest', input.requestId);
        if (input.filedAt! < request.receivedAt) throw new ValidationError(msg('disclosure.beforeReceived', { field: 'filedAt' }), 'filedAt');
      }
      const values: Omit<DisclosureCaseEntity, 'id'> = {
        requestId: input.requestId ?? null,
        kind: input.kind!,
        result: input.result,
        filedAt: input.filedAt!,
        concludedAt,
        caseNumber: input.caseNumber?.trim() || null,
        note: input.note?.trim() || null,
        recordedById: staffId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      const inserted = await em.insert(DisclosureCaseEntity, values);
      const id = inserted.identifiers[0]!.id as number;
      if (values.requestId) await appendEvent(em, values.requestId, 'ADMINISTRATIVE_CASE_RECORDED', staffId, `${values.kind} ${values.result}`, now);
      return { ...values, id };
    });
  }

  /** A concluded result needs a date (default now, never in the future); a pending one has none. */
  private conclusionDate(input: RecordAdministrativeCaseInput, now: Date): Date | null {
    if (input.result === 'PENDING') {
      if (input.concludedAt) throw new ValidationError(msg('disclosure.pendingNoConclusion'), 'concludedAt');
      return null;
    }
    const at = input.concludedAt ?? now;
    assertPast('concludedAt', at, now);
    return at;
  }
}
