import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { ApplicantType, Channel, Outcome } from '../disclosure/disclosure-codes.js';
import type { DisclosureRequestsService } from '../disclosure/disclosure-requests.service.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';

// This year's disclosure ledger (依申请公开) on a fresh demo, so /office/disclosure, its overdue
// filter, the follow-up calls and the annual report's tables show figures at once. Written through
// DisclosureRequestsService as the coordinator, so the numbers, deadlines, history and follow-up
// tasks are the ones the ledger computes.

interface DemoRequest {
  daysAgo: number;
  applicantType: ApplicantType;
  applicantName: string;
  contactPhone: string;
  channel: Channel;
  subject: string;
  content: string;
  /** Extended today (the one extension, allowed only before the reply period ends). */
  extension?: { workingDays: number; reason: string };
  /** Reviewed and decided this many days after receipt; left open without. */
  decided?: { afterDays: number; outcome: Outcome; replyNote: string };
}

const DEMO_REQUESTS: DemoRequest[] = [
  { daysAgo: 220, applicantType: 'NATURAL_PERSON', applicantName: '刘建国', contactPhone: '13907950101', channel: 'WEBSITE',
    subject: '2025年城区老旧小区改造项目清单', content: '申请公开2025年城区老旧小区改造项目清单及各项目投资额。',
    decided: { afterDays: 9, outcome: 'DISCLOSED', replyNote: '已通过电子邮件提供项目清单及投资额。' } },
  { daysAgo: 160, applicantType: 'COMMERCIAL_ENTERPRISE', applicantName: '宜春市恒达建设有限公司', contactPhone: '0795-3273397', channel: 'LETTER',
    subject: '市政道路养护招标的评标报告', content: '申请公开本市2025年度市政道路养护项目招标的评标报告全文。',
    decided: { afterDays: 14, outcome: 'PARTLY_DISCLOSED', replyNote: '评标结果予以公开；评标专家个人信息涉及第三方权益，不予公开。' } },
  { daysAgo: 110, applicantType: 'NATURAL_PERSON', applicantName: '陈秀英', contactPhone: '13807950202', channel: 'IN_PERSON',
    subject: '本人房屋征收补偿测算依据', content: '申请公开本人所在片区房屋征收补偿标准及测算依据。',
    decided: { afterDays: 18, outcome: 'DISCLOSED', replyNote: '已当面提供片区征收补偿方案及测算依据。' } },
  { daysAgo: 90, applicantType: 'NATURAL_PERSON', applicantName: '张伟', contactPhone: '13607950303', channel: 'WEBSITE',
    subject: '某小区业主个人信息', content: '申请公开某小区全部业主的姓名和联系电话。',
    decided: { afterDays: 6, outcome: 'WITHHELD_THIRD_PARTY_RIGHTS', replyNote: '所申请信息属于第三方个人信息，不予公开。' } },
  { daysAgo: 70, applicantType: 'RESEARCH_INSTITUTION', applicantName: '宜春学院城市研究所', contactPhone: '0795-3200888', channel: 'EMAIL',
    subject: '2015年以来公交客流统计数据', content: '申请提供2015年以来全市公交线路逐月客流统计数据。',
    decided: { afterDays: 12, outcome: 'UNAVAILABLE_NEEDS_CREATION', replyNote: '本机关未制作逐月分线路统计，需另行制作，依法不予提供；已告知可查阅年度统计公报。' } },
  // Received eight weeks ago and still open: past its 20 working days (holidays included), so the overdue filter finds it.
  { daysAgo: 56, applicantType: 'NATURAL_PERSON', applicantName: '李娜', contactPhone: '13507950404', channel: 'LETTER',
    subject: '秀江公园改造工程验收资料', content: '申请公开秀江公园改造工程的竣工验收资料。' },
  { daysAgo: 9, applicantType: 'SOCIAL_WELFARE_ORG', applicantName: '宜春市绿色家园志愿者协会', contactPhone: '13307950505', channel: 'WEBSITE',
    subject: '城区环境空气质量监测点位', content: '申请公开城区环境空气质量自动监测点位分布及运维单位。',
    extension: { workingDays: 10, reason: '所需信息涉及第三方运维单位，需征求其意见' } },
  { daysAgo: 2, applicantType: 'NATURAL_PERSON', applicantName: '王小红', contactPhone: '13207950606', channel: 'IN_PERSON',
    subject: '学区划分调整的依据', content: '申请公开今年城区小学学区划分调整的依据和听证材料。' },
];

const DAY = 86_400_000;

/** Registers this year's demo requests as the demo coordinator; returns how many. */
export async function seedDemoDisclosure(requests: DisclosureRequestsService, dataSource: DataSource, now: Date): Promise<number> {
  const coordinator = await dataSource.getRepository(StaffUserEntity).findOneByOrFail({ username: 'coordinator' });
  const actor: Actor = { kind: 'staff', id: coordinator.id, roles: coordinator.roles, unitId: coordinator.unitId };
  const startOfYear = Date.UTC(now.getUTCFullYear(), 0, 1, 2); // 10:00 on 1 January in Shanghai
  let written = 0;
  for (const [i, r] of DEMO_REQUESTS.entries()) {
    // Early in the year the older entries would fall into last year's report: they move to its first days.
    const receivedAt = new Date(Math.max(now.getTime() - r.daysAgo * DAY, startOfYear + i * DAY));
    if (receivedAt > now) continue;
    const { extension, decided, daysAgo, ...fields } = r;
    void daysAgo;
    const row = await requests.register(actor, { ...fields, receivedAt });
    written++;
    if (extension) await requests.extend(actor, { id: row.id, ...extension });
    if (!decided) continue;
    const repliedAt = new Date(receivedAt.getTime() + decided.afterDays * DAY);
    if (repliedAt > now) continue;
    await requests.recordLegalReview(actor, { id: row.id, reviewer: '市司法局 审核组', reviewedAt: new Date(repliedAt.getTime() - 3_600_000) });
    await requests.decide(actor, { id: row.id, outcome: decided.outcome, repliedAt, replyNote: decided.replyNote });
  }
  return written;
}
