import { shanghaiDate } from '../calendar/shanghai-time.js';
import type { TemplateName } from './templates.zh-CN.js';

// The English wording of every template in templates.zh-CN.ts (same names, same params). Sent
// messages (SMS, webhook) stay zh-CN until a recipient can prefer a language; the inbox shows
// these to a caller whose Accept-Language asks for English.

type Params = Readonly<Record<string, string | number>>;
const day = (iso: string | number) => shanghaiDate(new Date(iso));
// Stored rows carry the Chinese label (`2026年第3季度`); English says `Q3 2026`.
const quarter = (label: string | number | undefined) => {
  const m = /^(\d{4})年第(\d)季度$/.exec(String(label ?? ''));
  return m ? `Q${m[2]} ${m[1]}` : 'the quarter';
};

export const TEMPLATES_EN: Readonly<Record<TemplateName, (p: Params) => string>> = {
  'resident.received': (p) => `Your suggestion was received, tracking number ${p.trackingNumber}. Use it to follow its progress at any time. Thank you for your suggestion.`,
  'resident.accepted': (p) => `Your suggestion ${p.trackingNumber} passed screening and will be assigned shortly.`,
  'resident.assigned': (p) => `Your suggestion ${p.trackingNumber} was assigned to the responsible unit, which is to reply by ${day(p.replyDueAt!)}.`,
  'resident.reopened': (p) => `Your suggestion ${p.trackingNumber} is being handled again as you asked; the reply is due by ${day(p.replyDueAt!)}.`,
  'resident.rejected': (p) => `Your suggestion ${p.trackingNumber} was not accepted; look up the reason with its tracking number. Thank you for taking part.`,
  'resident.merged': (p) => `Your suggestion ${p.trackingNumber} is handled together with similar suggestions; you will keep hearing about its progress.`,
  'resident.replied': (p) => `Your suggestion ${p.trackingNumber} has a reply; look it up with the tracking number.`,
  'resident.closed': (p) => `Your suggestion ${p.trackingNumber} is closed. Thank you for caring about our city.`,
  'resident.award-winner': (p) => `Your suggestion ${p.trackingNumber} won the Best Resident Suggestion award of ${quarter(p.quarterLabel)}. Thank you for your ideas.`,
  'resident.rating-request': (p) =>
    `Your suggestion ${p.trackingNumber} was replied to. Please rate the result by ${day(p.ratingDueAt!)}; without a rating it is closed then.`,
  'unit.sign-due': (p) => `Suggestion ${p.trackingNumber} was assigned to your unit; please sign for it by ${day(p.dueAt!)}.`,
  'unit.reply-due-soon': (p) => `The reply to suggestion ${p.trackingNumber} is due by ${day(p.dueAt!)}; please reply on time.`,
  'unit.overdue': (p) => `Overdue notice no. ${p.level}: the reply to suggestion ${p.trackingNumber} was due by ${day(p.dueAt!)}; reply at once.`,
  'office.overdue': (p) =>
    `Suggestion ${p.trackingNumber} is past its reply deadline (${day(p.dueAt!)}) and the unit has not replied after ${Number(p.level) - 1} notices; please step in.`,
};
