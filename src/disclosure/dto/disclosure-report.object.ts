import { Field, Int, ObjectType } from '@nestjs/graphql';
import {
  REPORT_COLUMNS,
  SECTION_FOUR_TITLE,
  SECTION_THREE_RULE,
  SECTION_THREE_TITLE,
  type AnnualReport,
  type CaseCounts,
} from '../annual-report.js';

@ObjectType('DisclosureReportColumn', { description: 'A column of section 三: an applicant type, or 总计' })
export class DisclosureReportColumnObject {
  @Field({ description: 'DisclosureApplicantType value, or TOTAL' }) key: string;
  @Field() label: string;
  @Field(() => String, { nullable: true, description: '法人或其他组织 for the organisation columns' }) group: string | null;
}

@ObjectType('DisclosureReportRow', { description: 'A row of section 三, with one value per applicant column and the 总计' })
export class DisclosureReportRowObject {
  @Field({ description: 'RECEIVED, CARRIED_OVER, a DisclosureOutcome value, DECIDED_TOTAL or CARRIED_FORWARD' }) key: string;
  @Field(() => [String], { description: 'Label cells, outermost first, as in the national format' }) labels: string[];
  @Field(() => [Int], { description: 'One value per applicant column, in the order of `columns` (without 总计)' }) values: number[];
  @Field(() => Int) total: number;
}

@ObjectType('DisclosureSectionThree')
export class DisclosureSectionThreeObject {
  @Field() title: string;
  @Field({ description: 'The rule printed above the table' }) rule: string;
  @Field(() => [DisclosureReportColumnObject]) columns: DisclosureReportColumnObject[];
  @Field(() => [DisclosureReportRowObject]) rows: DisclosureReportRowObject[];
}

@ObjectType('DisclosureCaseCounts', { description: '结果维持, 结果纠正, 其他结果, 尚未审结, 总计' })
export class DisclosureCaseCountsObject implements CaseCounts {
  @Field(() => Int) upheld: number;
  @Field(() => Int) corrected: number;
  @Field(() => Int) other: number;
  @Field(() => Int) pending: number;
  @Field(() => Int) total: number;
}

@ObjectType('DisclosureSectionFour')
export class DisclosureSectionFourObject {
  @Field() title: string;
  @Field(() => DisclosureCaseCountsObject, { description: '行政复议' }) administrativeReview: CaseCounts;
  @Field(() => DisclosureCaseCountsObject, { description: '行政诉讼·未经复议直接起诉' }) lawsuitDirect: CaseCounts;
  @Field(() => DisclosureCaseCountsObject, { description: '行政诉讼·复议后起诉' }) lawsuitAfterReview: CaseCounts;
}

@ObjectType('DisclosureConsistencyError', { description: 'A column where 一 + 二 ≠ 三(七) + 四' })
export class DisclosureConsistencyErrorObject {
  @Field({ description: 'DisclosureApplicantType value, or TOTAL' }) column: string;
  @Field() columnLabel: string;
  @Field(() => Int) received: number;
  @Field(() => Int) carriedOver: number;
  @Field(() => Int) decided: number;
  @Field(() => Int) carriedForward: number;
  @Field() message: string;
}

@ObjectType('DisclosureAnnualReport', {
  description: 'The statutory annual report’s section 三 and 四 for a year, computed from the ledger (Asia/Shanghai year)',
})
export class DisclosureAnnualReportObject {
  @Field(() => Int) year: number;
  @Field(() => DisclosureSectionThreeObject) sectionThree: DisclosureSectionThreeObject;
  @Field(() => DisclosureSectionFourObject) sectionFour: DisclosureSectionFourObject;
  @Field({ description: 'True when 一 + 二 = 三(七) + 四 holds in every column' }) consistent: boolean;
  @Field(() => [DisclosureConsistencyErrorObject], { description: 'Every column where the rule fails; empty when consistent' })
  consistencyErrors: DisclosureConsistencyErrorObject[];
  @Field(() => Int, { description: 'Replies sent in the year' }) repliesSent: number;
  @Field(() => Int, { description: 'Of those, sent by their due date (按时办结)' }) repliesOnTime: number;
}

export function toAnnualReportObject(report: AnnualReport): DisclosureAnnualReportObject {
  return {
    year: report.year,
    sectionThree: {
      title: SECTION_THREE_TITLE,
      rule: SECTION_THREE_RULE,
      columns: REPORT_COLUMNS.map((c) => ({ key: c.key, label: c.label, group: c.group })),
      rows: report.sectionThree.rows.map((r) => ({ key: r.key, labels: [...r.path], values: [...r.values], total: r.total })),
    },
    sectionFour: {
      title: SECTION_FOUR_TITLE,
      administrativeReview: report.sectionFour.ADMINISTRATIVE_REVIEW,
      lawsuitDirect: report.sectionFour.LAWSUIT_DIRECT,
      lawsuitAfterReview: report.sectionFour.LAWSUIT_AFTER_REVIEW,
    },
    consistent: report.consistencyErrors.length === 0,
    consistencyErrors: report.consistencyErrors.map((e) => ({ ...e })),
    repliesSent: report.replies.sent,
    repliesOnTime: report.replies.onTime,
  };
}
