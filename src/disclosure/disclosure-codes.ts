// The statutory codes of the disclosure ledger (依申请公开), in one table, with the labels of
// the national annual-report format (国办公开办函〔2019〕60号, section 三 and 四). Reports,
// exports, GraphQL enums and validation all read these lists; nothing else spells a code.

/** Section 三 columns: 自然人, then 法人或其他组织 split five ways. Order is the report's. */
export const APPLICANT_TYPES = [
  { code: 'NATURAL_PERSON', label: '自然人', group: null },
  { code: 'COMMERCIAL_ENTERPRISE', label: '商业企业', group: '法人或其他组织' },
  { code: 'RESEARCH_INSTITUTION', label: '科研机构', group: '法人或其他组织' },
  { code: 'SOCIAL_WELFARE_ORG', label: '社会公益组织', group: '法人或其他组织' },
  { code: 'LEGAL_SERVICE_ORG', label: '法律服务机构', group: '法人或其他组织' },
  { code: 'OTHER_ORG', label: '其他', group: '法人或其他组织' },
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number]['code'];
export const APPLICANT_TYPE_CODES: readonly ApplicantType[] = APPLICANT_TYPES.map((t) => t.code);

/** How the request arrived. Not part of the national format; kept for the ledger. */
export const CHANNELS = [
  { code: 'WEBSITE', label: '网上申请' },
  { code: 'LETTER', label: '信函申请' },
  { code: 'IN_PERSON', label: '当面申请' },
  { code: 'FAX', label: '传真申请' },
  { code: 'EMAIL', label: '电子邮件申请' },
  { code: 'OTHER', label: '其他形式' },
] as const;
export type Channel = (typeof CHANNELS)[number]['code'];
export const CHANNEL_CODES: readonly Channel[] = CHANNELS.map((c) => c.code);

/**
 * Outcome groups of row 三、本年度办理结果, （一）…（六）; （七）总计 is their sum.
 * `label` is the group's cell in the national format.
 */
export const OUTCOME_GROUPS = [
  { key: 'DISCLOSED', label: '（一）予以公开' },
  { key: 'PARTLY_DISCLOSED', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { key: 'WITHHELD', label: '（三）不予公开' },
  { key: 'UNAVAILABLE', label: '（四）无法提供' },
  { key: 'NOT_PROCESSED', label: '（五）不予处理' },
  { key: 'OTHER', label: '（六）其他处理' },
] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number]['key'];

/**
 * Every outcome a reply may carry, one per row of the national format. `item` is the
 * numbered sub-row (1.属于国家秘密 …) or null when the group has a single row.
 */
export const OUTCOMES = [
  { code: 'DISCLOSED', group: 'DISCLOSED', item: null },
  { code: 'PARTLY_DISCLOSED', group: 'PARTLY_DISCLOSED', item: null },
  { code: 'WITHHELD_STATE_SECRET', group: 'WITHHELD', item: '1.属于国家秘密' },
  { code: 'WITHHELD_PROHIBITED_BY_LAW', group: 'WITHHELD', item: '2.其他法律行政法规禁止公开' },
  { code: 'WITHHELD_SECURITY_STABILITY', group: 'WITHHELD', item: '3.危及“三安全一稳定”' },
  { code: 'WITHHELD_THIRD_PARTY_RIGHTS', group: 'WITHHELD', item: '4.保护第三方合法权益' },
  { code: 'WITHHELD_INTERNAL_AFFAIRS', group: 'WITHHELD', item: '5.属于三类内部事务信息' },
  { code: 'WITHHELD_PROCESS_INFORMATION', group: 'WITHHELD', item: '6.属于四类过程性信息' },
  { code: 'WITHHELD_ENFORCEMENT_FILES', group: 'WITHHELD', item: '7.属于行政执法案卷' },
  { code: 'WITHHELD_ADMINISTRATIVE_ENQUIRY', group: 'WITHHELD', item: '8.属于行政查询事项' },
  { code: 'UNAVAILABLE_NOT_HELD', group: 'UNAVAILABLE', item: '1.本机关不掌握相关政府信息' },
  { code: 'UNAVAILABLE_NEEDS_CREATION', group: 'UNAVAILABLE', item: '2.没有现成信息需要另行制作' },
  { code: 'UNAVAILABLE_STILL_UNCLEAR', group: 'UNAVAILABLE', item: '3.补正后申请内容仍不明确' },
  { code: 'NOT_PROCESSED_PETITION', group: 'NOT_PROCESSED', item: '1.信访举报投诉类申请' },
  { code: 'NOT_PROCESSED_REPEATED', group: 'NOT_PROCESSED', item: '2.重复申请' },
  { code: 'NOT_PROCESSED_PUBLICATION', group: 'NOT_PROCESSED', item: '3.要求提供公开出版物' },
  { code: 'NOT_PROCESSED_MASS_REPEATED', group: 'NOT_PROCESSED', item: '4.无正当理由大量反复申请' },
  { code: 'NOT_PROCESSED_CONFIRM_OR_REISSUE', group: 'NOT_PROCESSED', item: '5.要求行政机关确认或重新出具已获取信息' },
  { code: 'OTHER', group: 'OTHER', item: null },
] as const satisfies readonly { code: string; group: OutcomeGroup; item: string | null }[];
export type Outcome = (typeof OUTCOMES)[number]['code'];
export const OUTCOME_CODES: readonly Outcome[] = OUTCOMES.map((o) => o.code);

export function isOutcome(code: string): code is Outcome {
  return (OUTCOME_CODES as readonly string[]).includes(code);
}

/** 予以公开, 不予公开·属于国家秘密 …: the outcome as one readable label. */
export function outcomeLabel(code: Outcome): string {
  const outcome = OUTCOMES.find((o) => o.code === code)!;
  const group = OUTCOME_GROUPS.find((g) => g.key === outcome.group)!.label.replace(/^（.）/, '').replace(/（.*）$/, '');
  return outcome.item ? `${group}·${outcome.item.replace(/^\d\./, '')}` : group;
}

/** Section 四: 行政复议 and 行政诉讼 (未经复议直接起诉 / 复议后起诉). */
export const CASE_KINDS = [
  { code: 'ADMINISTRATIVE_REVIEW', label: '行政复议' },
  { code: 'LAWSUIT_DIRECT', label: '行政诉讼·未经复议直接起诉' },
  { code: 'LAWSUIT_AFTER_REVIEW', label: '行政诉讼·复议后起诉' },
] as const;
export type CaseKind = (typeof CASE_KINDS)[number]['code'];
export const CASE_KIND_CODES: readonly CaseKind[] = CASE_KINDS.map((k) => k.code);

/** Results in the national format's order; PENDING is 尚未审结. */
export const CASE_RESULTS = [
  { code: 'UPHELD', label: '结果维持' },
  { code: 'CORRECTED', label: '结果纠正' },
  { code: 'OTHER', label: '其他结果' },
  { code: 'PENDING', label: '尚未审结' },
] as const;
export type CaseResult = (typeof CASE_RESULTS)[number]['code'];
export const CASE_RESULT_CODES: readonly CaseResult[] = CASE_RESULTS.map((r) => r.code);

/** Ledger statuses: the clock runs, is paused for a correction (补正), or the reply was sent. */
export const DISCLOSURE_STATUSES = ['IN_PROGRESS', 'AWAITING_CORRECTION', 'DECIDED'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];
