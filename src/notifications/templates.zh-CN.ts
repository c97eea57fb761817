import { shanghaiDate } from '../calendar/shanghai-time.js';
import type { NotificationKind } from './notification-kinds.js';
import { DEFAULT_LOCALE, type Locale } from '../common/i18n/locale.js';
import { TEMPLATES_EN } from './templates.en.js';

// Every message text, in zh-CN, in one file. Params carry tracking numbers, dates and levels,
// never names or phone numbers; texts are rendered when a message is read or sent.

type Params = Readonly<Record<string, string | number>>;

/** `2025-10-09T15:59:59.999Z` → `2025年10月9日` (the Shanghai calendar date). */
export function chineseDate(iso: string | number): string {
  const [y, m, d] = shanghaiDate(new Date(iso)).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const t = <K extends NotificationKind>(kind: K, render: (p: Params) => string) => ({ kind, render });

export const TEMPLATES = {
  'resident.received': t('RECEIPT', (p) => `【温馨提醒】您的建议已收到，编号${p.trackingNumber}。可凭编号随时查询办理进度，感谢您的建言。`),
  'resident.accepted': t('PROGRESS', (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）已通过受理审核，即将交办。`),
  'resident.assigned': t('PROGRESS', (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）已交由责任单位办理，办理时限至${chineseDate(p.replyDueAt!)}。`),
  'resident.reopened': t('PROGRESS', (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）已按您的意见重新办理，办理时限至${chineseDate(p.replyDueAt!)}。`),
  'resident.rejected': t('RESULT', (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）未予受理，原因可凭编号查询。感谢您的参与。`),
  'resident.merged': t('RESULT', (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）与同类建议合并办理，办理进度将继续告知您。`),
  'resident.replied': t('RESULT', (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）已有答复，请凭编号查看答复内容。`),
  'resident.closed': t('RESULT', (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）已办结，感谢您对城市建设的关心与支持。`),
  'resident.award-winner': t('RESULT', (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）获评${p.quarterLabel}“最佳民众建言奖”，感谢您为城市发展建言献策。`),
  'resident.rating-request': t(
    'RATING_REQUEST',
    (p) => `【温馨提醒】您的建议（编号${p.trackingNumber}）已答复，请于${chineseDate(p.ratingDueAt!)}前对办理结果进行评价；逾期未评价的视为办结。`,
  ),
  'unit.sign-due': t('DEADLINE', (p) => `【签收提醒】建议${p.trackingNumber}已交办贵单位，请于${chineseDate(p.dueAt!)}前签收。`),
  'unit.reply-due-soon': t('DEADLINE', (p) => `【办理提醒】建议${p.trackingNumber}的答复时限为${chineseDate(p.dueAt!)}，请抓紧办理并按时答复。`),
  'unit.overdue': t('ESCALATION', (p) => `【督办】建议${p.trackingNumber}已超过答复时限（${chineseDate(p.dueAt!)}），第${p.level}次督办，请立即办理答复。`),
  'office.overdue': t('ESCALATION', (p) => `【督办】建议${p.trackingNumber}已超过答复时限（${chineseDate(p.dueAt!)}），责任单位经${Number(p.level) - 1}次督办仍未答复，请协调处理。`),
} as const;

export type TemplateName = keyof typeof TEMPLATES;

export function isTemplateName(name: string): name is TemplateName {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, name);
}

/** A message's text; zh-CN unless the reader asked for English (the inbox does, by Accept-Language). */
export function renderTemplate(name: string, params: Params, locale: Locale = DEFAULT_LOCALE): string {
  if (!isTemplateName(name)) return locale === 'en' ? `You have a new message (${name}).` : `【温馨提醒】您有一条新消息（${name}）。`;
  return locale === 'en' ? TEMPLATES_EN[name](params) : TEMPLATES[name].render(params);
}
