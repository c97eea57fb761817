import { PiiCrypto } from '../../src/common/pii-crypto.js';
import { DisclosureRequestEntity, newDisclosureRequestRow } from '../../src/disclosure/disclosure-request.entity.js';
import type { GqlResult, TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';
import type { DecideDisclosureRequestInput, DisclosureOutcome, RecordLegalReviewInput, RegisterDisclosureRequestInput } from '../gql/graphql.js';

// Disclosure-ledger helpers for tests: typed GraphQL documents, API steps and a raw seeder for
// ledgers imported from elsewhere (the only way data the API refuses can get in).

// The fields of a request every ledger document reads (a fragment: the generated documents carry it).
export const REQUEST_FIELDS = graphql(`fragment DisclosureRequestFields on DisclosureRequest {
  id ledgerNumber applicantType applicantDisplay contactPhoneMasked channel subject content status
  receivedAt dueAt clockPaused overdue extensionWorkingDays extensionReason extendedAt correctionRequestedAt correctionNote
  correctionAnsweredAt pausedWorkingDays legalReviewer legalReviewedAt legalReviewOpinion outcome outcomeLabel replyNote
  repliedAt onTime callbackOpenedAt callbackDoneAt callbackNote version }`);

export const M = {
  register: graphql(`mutation DisclosureRegister($input: RegisterDisclosureRequestInput!) { registerDisclosureRequest(input: $input) { request { ...DisclosureRequestFields } } }`),
  extend: graphql(`mutation DisclosureExtend($input: ExtendDisclosureRequestInput!) { extendDisclosureRequest(input: $input) { request { ...DisclosureRequestFields } } }`),
  requestCorrection: graphql(`mutation DisclosureRequestCorrection($input: RequestDisclosureCorrectionInput!) { requestDisclosureCorrection(input: $input) { request { ...DisclosureRequestFields } } }`),
  recordCorrection: graphql(`mutation DisclosureRecordCorrection($input: RecordDisclosureCorrectionInput!) { recordDisclosureCorrection(input: $input) { request { ...DisclosureRequestFields } } }`),
  legalReview: graphql(`mutation DisclosureLegalReview($input: RecordLegalReviewInput!) { recordLegalReview(input: $input) { request { ...DisclosureRequestFields } } }`),
  decide: graphql(`mutation DisclosureDecide($input: DecideDisclosureRequestInput!) { decideDisclosureRequest(input: $input) { request { ...DisclosureRequestFields } } }`),
  completeCallback: graphql(`mutation DisclosureCompleteCallback($input: CompleteDisclosureCallbackInput!) { completeDisclosureCallback(input: $input) { request { ...DisclosureRequestFields } } }`),
  recordCase: graphql(`mutation DisclosureRecordCase($input: RecordAdministrativeCaseInput!) { recordAdministrativeCase(input: $input) {
    administrativeCase { id requestId kind result filedAt concludedAt caseNumber note } } }`),
  reveal: graphql(`mutation DisclosureReveal($input: DisclosureRequestIdInput!) { revealDisclosureContact(input: $input) { id applicantName contactPhone } }`),
};

export const REPORT_QUERY = graphql(`query DisclosureReport($year: Int!) { disclosureAnnualReport(year: $year) {
  year consistent repliesSent repliesOnTime
  consistencyErrors { column columnLabel received carriedOver decided carriedForward message }
  sectionThree { title rule columns { key label group } rows { key labels values total } }
  sectionFour { title
    administrativeReview { upheld corrected other pending total }
    lawsuitDirect { upheld corrected other pending total }
    lawsuitAfterReview { upheld corrected other pending total } } } }`);

export function registerInput(overrides: Partial<RegisterDisclosureRequestInput> = {}): RegisterDisclosureRequestInput {
  return {
    applicantType: 'NATURAL_PERSON',
    applicantName: '王小明',
    contactPhone: '13812345678',
    channel: 'WEBSITE',
    subject: '申请公开某路段改造工程的批复文件',
    content: '请公开秀江路改造工程的立项批复及预算。',
    ...overrides,
  };
}

/** Ledger steps through the API as a coordinator; each throws on a GraphQL error. */
export function ledger(t: TestApp, token: string) {
  const ok = <T>(key: string, res: GqlResult<T>): T => {
    if (res.errors) throw new Error(`${key}: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  return {
    register: async (overrides: Partial<RegisterDisclosureRequestInput> = {}) =>
      ok('register', await t.gql(M.register, { input: registerInput(overrides) }, token)).registerDisclosureRequest.request,
    review: async (id: number, extra: Partial<RecordLegalReviewInput> = {}) =>
      ok('review', await t.gql(M.legalReview, { input: { id, reviewer: '市司法局 李审核', ...extra } }, token)).recordLegalReview.request,
    decide: async (id: number, outcome: DisclosureOutcome, extra: Partial<DecideDisclosureRequestInput> = {}) =>
      ok('decide', await t.gql(M.decide, { input: { id, outcome, ...extra } }, token)).decideDisclosureRequest.request,
  };
}

/**
 * Writes a ledger row straight to the database, as an import from an old spreadsheet would:
 * no guards, so tests can build ledgers the API would refuse.
 */
export async function seedRawRequest(
  t: TestApp,
  row: Pick<DisclosureRequestEntity, 'applicantType' | 'receivedAt'> & Partial<DisclosureRequestEntity>,
): Promise<number> {
  const pii = t.app.get(PiiCrypto);
  const repo = t.dataSource.getRepository(DisclosureRequestEntity);
  const sequence = (await repo.count()) + 1000;
  const result = await repo.insert({
    ...newDisclosureRequestRow(
      {
        ledgerYear: row.receivedAt.getUTCFullYear(),
        ledgerSequence: sequence,
        applicantType: row.applicantType,
        applicantName: '导入数据',
        contactPhoneCiphertext: pii.encrypt('13900000000'),
        contactPhoneHash: pii.lookupHash('13900000000'),
        channel: 'LETTER',
        subject: '历史台账导入',
        content: '历史台账导入',
        receivedAt: row.receivedAt,
        dueAt: new Date(row.receivedAt.getTime() + 30 * 86400_000),
        registeredById: 1,
      },
      row.receivedAt,
    ),
    status: row.repliedAt ? 'DECIDED' : 'IN_PROGRESS',
    ...row,
  });
  return result.identifiers[0]!.id as number;
}

/**
 * Section 三 of the source report (2020), transcribed row by row in its own wording: the label
 * cell, then 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
 */
export const SOURCE_2020_SECTION_THREE = `
一、本年新收政府信息公开申请数量 | 44 | 0 | 0 | 0 | 0 | 1 | 45
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
(一)予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9
(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0 | 0 | 0 | 0 | 0 | 0 | 0
1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0
4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0
5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0
8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0
1.本机关不掌握相关政府信息 | 35 | 0 | 0 | 0 | 0 | 1 | 36
2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0
1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0
4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
(六)其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
(七)总计 | 44 | 0 | 0 | 0 | 0 | 1 | 45
四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
`;

/** The transcription as rows of { label, cells }, labels with half-width punctuation. */
export function sourceRows(text = SOURCE_2020_SECTION_THREE): { label: string; cells: number[] }[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [label, ...cells] = line.split('|').map((s) => s.trim());
      return { label: halfWidth(label!), cells: cells.map(Number) };
    });
}

/** The report's full-width （一）， and the source's (一), compare equal. */
export function halfWidth(label: string): string {
  return label.replace(/（/g, '(').replace(/）/g, ')').replace(/，/g, ',');
}
