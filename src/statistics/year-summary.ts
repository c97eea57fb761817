// The headline sentence of the annual report (政府信息公开工作年度报告, 2020):
// "2020年，“你建言，我来办”活动共发布56期，已办理、回复相关诉求900余件、采纳建议400余条。"

export interface YearSummaryCounts {
  year: number;
  campaignsPublished: number;
  handledAndReplied: number;
  adopted: number;
}

/** The sentence with exact numbers. */
export function yearSummarySentence(c: YearSummaryCounts): string {
  return sentence(c.year, String(c.campaignsPublished), String(c.handledAndReplied), String(c.adopted));
}

/** The sentence as the report words it: counts of a hundred or more rounded down, "900余". */
export function yearSummaryReportSentence(c: YearSummaryCounts): string {
  return sentence(c.year, String(c.campaignsPublished), approximately(c.handledAndReplied), approximately(c.adopted));
}

function sentence(year: number, campaigns: string, replied: string, adopted: string): string {
  return `${year}年，“你建言，我来办”活动共发布${campaigns}期，已办理、回复相关诉求${replied}件、采纳建议${adopted}条。`;
}

/** 937 → "900余", 900 → "900", 56 → "56". */
export function approximately(n: number): string {
  if (n < 100) return String(n);
  const hundreds = Math.floor(n / 100) * 100;
  return hundreds === n ? String(n) : `${hundreds}余`;
}
