import 'reflect-metadata';
import type { JobContext } from './job-handlers.js';
import type { JobPayloads } from './job-types.js';
import { ON_JOB, OnJob } from './on-job.decorator.js';

// The compile-time half of this file is checked by `npm run typecheck`: each @ts-expect-error
// below must stay an error, or the typecheck fails ("unused directive").
class Handlers {
  @OnJob('campaign.open')
  async open(payload: JobPayloads['campaign.open']): Promise<void> {
    void payload;
  }

  @OnJob('notification.deliver')
  async deliver(payload: { notificationId: number }, context: JobContext): Promise<void> {
    void payload, context;
  }

  @OnJob('reminders.reconcile')
  async reconcile(): Promise<void> {}

  // @ts-expect-error another job's payload
  @OnJob('campaign.close')
  async wrongJob(payload: JobPayloads['rating.request']): Promise<void> {
    void payload;
  }

  // @ts-expect-error a field the job does not carry
  @OnJob('campaign.close')
  async wider(payload: { campaignId: number; unitId: number }): Promise<void> {
    void payload;
  }

  // @ts-expect-error a field of the wrong type
  @OnJob('disclosure.callback')
  async mistyped(payload: { requestId: string }): Promise<void> {
    void payload;
  }

  // @ts-expect-error a handler must return a promise
  @OnJob('campaign.open')
  sync(payload: JobPayloads['campaign.open']): void {
    void payload;
  }
}

describe('@OnJob', () => {
  it('marks the method with its job name', () => {
    const proto = Handlers.prototype as unknown as Record<string, object>;
    expect(Reflect.getMetadata(ON_JOB, proto.open!)).toBe('campaign.open');
    expect(Reflect.getMetadata(ON_JOB, proto.deliver!)).toBe('notification.deliver');
    expect(Reflect.getMetadata(ON_JOB, proto.reconcile!)).toBe('reminders.reconcile');
  });
});
