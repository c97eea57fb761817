import { InvalidJobPayloadError, JOBS, JOB_NAMES, PermanentJobError, RECURRING_JOBS, parseJobPayload } from './job-types.js';
import { defaultJobsOptions } from './jobs.options.js';

describe('job payload schemas', () => {
  it('accept the payload a current release writes, and strip keys the schema does not know', () => {
    const dueAt = new Date('2026-03-02T01:00:00Z').toISOString();
    expect(parseJobPayload('escalation.overdue', { suggestionId: 7, dueAt, level: 2 })).toEqual({ suggestionId: 7, dueAt, level: 2 });
    expect(parseJobPayload('campaign.open', { campaignId: 3, retired: 'field' })).toEqual({ campaignId: 3 });
    expect(parseJobPayload('notice.resident', { suggestionId: 1, stage: 'REPLIED', timelineEventId: 9 })).toMatchObject({ stage: 'REPLIED' });
    expect(parseJobPayload('photos.discard-unattached', { photoId: 'a'.repeat(32) })).toEqual({ photoId: 'a'.repeat(32) });
  });

  it('refuse a wrong shape with InvalidJobPayloadError naming the job and each issue', () => {
    // What an older release might have written: the id as a string, the deadline as a date only, no level.
    const run = () => parseJobPayload('escalation.overdue', { suggestionId: '7', dueAt: '2026-03-02' });
    expect(run).toThrow(InvalidJobPayloadError);
    let error: InvalidJobPayloadError | undefined;
    try {
      run();
    } catch (err) {
      error = err as InvalidJobPayloadError;
    }
    expect(error).toBeInstanceOf(PermanentJobError);
    expect(error!.code).toBe('INVALID_JOB_PAYLOAD');
    expect(error!.job).toBe('escalation.overdue');
    expect(error!.issues.map((i) => i.path)).toEqual(['suggestionId', 'dueAt', 'level']);
    expect(error!.message).toMatch(/^Job "escalation\.overdue" payload does not match its schema: suggestionId: .*expected number, received string; dueAt: .*; level: .*expected number, received undefined$/);
  });

  it('refuse payloads that are not objects, unknown stages, bad quarters and non-integer ids', () => {
    expect(() => parseJobPayload('campaign.close', null)).toThrow('Job "campaign.close" payload does not match its schema: (payload): Invalid input: expected object, received null');
    expect(() => parseJobPayload('notice.resident', { suggestionId: 1, stage: 'LOST', timelineEventId: 9 })).toThrow(/stage: /);
    expect(() => parseJobPayload('awards.quarter-end', { quarter: '2026-Q3' })).toThrow(/quarter: /);
    expect(() => parseJobPayload('notification.deliver', { notificationId: 1.5 })).toThrow(/notificationId: /);
    expect(() => parseJobPayload('rating.request', { suggestionId: 0, replyId: 1 })).toThrow(/suggestionId: /);
  });

  it('every recurring job takes the empty payload the drivers schedule it with, and has a positive period', () => {
    expect(RECURRING_JOBS.map((r) => r.name)).toEqual(['reminders.reconcile']);
    for (const r of RECURRING_JOBS) {
      expect(parseJobPayload(r.name, {})).toEqual({});
      expect(r.everyMs(defaultJobsOptions({ env: 'production' }))).toBeGreaterThan(0);
    }
  });

  it('every job has a schema and a retry policy', () => {
    for (const name of JOB_NAMES) {
      expect(JOBS[name].attempts).toBeGreaterThanOrEqual(1);
      expect(typeof JOBS[name].schema.safeParse).toBe('function');
    }
  });
});
