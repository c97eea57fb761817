import { ClosingService } from '../../src/suggestions/closing.service.js';
import { ReplyingService } from '../../src/suggestions/replying.service.js';
import { ScreeningService } from '../../src/suggestions/screening.service.js';
import { UnitWorkService } from '../../src/suggestions/unit-work.service.js';

interface HasServices {
  get<T>(type: new (...args: never[]) => T): T;
}

/**
 * Every command of the closed loop under one name, for tests that tell an item's whole story
 * (the services are split by area: screening, unit work, replies, closing).
 */
export function workflowOf(app: HasServices) {
  const screening = app.get(ScreeningService);
  const unitWork = app.get(UnitWorkService);
  const replying = app.get(ReplyingService);
  const closing = app.get(ClosingService);
  return {
    assign: screening.assign.bind(screening),
    transfer: screening.transfer.bind(screening),
    reject: screening.reject.bind(screening),
    merge: screening.merge.bind(screening),
    withdraw: screening.withdraw.bind(screening),
    returnToOffice: screening.returnToOffice.bind(screening),
    sign: unitWork.sign.bind(unitWork),
    addProgressNote: unitWork.addProgressNote.bind(unitWork),
    contribute: unitWork.contribute.bind(unitWork),
    requestExtension: unitWork.requestExtension.bind(unitWork),
    decideExtension: unitWork.decideExtension.bind(unitWork),
    reply: replying.reply.bind(replying),
    replyMany: replying.replyMany.bind(replying),
    reviewReply: replying.reviewReply.bind(replying),
    rate: closing.rate.bind(closing),
    autoCloseIfLapsed: closing.autoCloseIfLapsed.bind(closing),
    close: closing.close.bind(closing),
  };
}

export type Workflow = ReturnType<typeof workflowOf>;
