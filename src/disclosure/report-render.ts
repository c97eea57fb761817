import {
  REPORT_COLUMNS,
  SECTION_FOUR_TITLE,
  SECTION_THREE_RULE,
  SECTION_THREE_TITLE,
  type AnnualReport,
  type CaseCounts,
} from './annual-report.js';
import { CASE_RESULTS } from './disclosure-codes.js';

// The annual report laid out like the national format, as Markdown and as HTML (and, in
// report-xlsx.ts, as a workbook). Pure string building over the report's numbers.

/** Label columns on the left of section 三: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密. */
export const LABEL_DEPTH = 3;

export interface LabelCell {
  text: string;
  /** Zero-based data row and label column. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/**
 * Merged label cells for rows given by their label paths: a label shared by consecutive rows
 * spans them; a path's last label spans the label columns left over.
 */
export function labelCells(paths: readonly (readonly string[])[], depth = LABEL_DEPTH): LabelCell[] {
  const cells: LabelCell[] = [];
  const samePrefix = (a: readonly string[], b: readonly string[], d: number) => a.length > d && b.length > d && a.slice(0, d + 1).every((x, i) => x === b[i]);
  paths.forEach((path, row) => {
    path.forEach((text, col) => {
      if (row > 0 && samePrefix(paths[row - 1]!, path, col)) return;
      let rowSpan = 1;
      while (row + rowSpan < paths.length && samePrefix(paths[row + rowSpan]!, path, col)) rowSpan++;
      const colSpan = col === path.length - 1 ? depth - col : 1;
      cells.push({ text, row, col, rowSpan, colSpan });
    });
  });
  return cells;
}

export function reportTitle(year: number): string {
  return `${year}年政府信息公开工作年度报告（依申请公开部分）`;
}

/** The section 四 cells in the national format's order: 行政复议, 直接起诉, 复议后起诉; each 维持, 纠正, 其他, 尚未审结, 总计. */
export function sectionFourValues(report: AnnualReport): number[] {
  const four = report.sectionFour;
  const pick = (c: CaseCounts) => [c.upheld, c.corrected, c.other, c.pending, c.total];
  return [...pick(four.ADMINISTRATIVE_REVIEW), ...pick(four.LAWSUIT_DIRECT), ...pick(four.LAWSUIT_AFTER_REVIEW)];
}

export const CASE_RESULT_HEADINGS = [...CASE_RESULTS.map((r) => r.label), '总计'];

function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function escapeMarkdown(text: string | number): string {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

export function renderMarkdown(report: AnnualReport): string {
  const lines: string[] = [`# ${reportTitle(report.year)}`, '', `## ${SECTION_THREE_TITLE}`, '', SECTION_THREE_RULE, ''];
  const columnHeads = REPORT_COLUMNS.map((c) => (c.group ? `${c.group}·${c.label}` : c.label));
  const row = (cells: (string | number)[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  lines.push(row(['申请人情况', '', '', ...columnHeads]));
  lines.push(`| --- | --- | --- | ${columnHeads.map(() => '---:').join(' | ')} |`);
  const rows = report.sectionThree.rows;
  const cells = labelCells(rows.map((r) => r.path));
  rows.forEach((r, i) => {
    const labels = Array.from({ length: LABEL_DEPTH }, (_, col) => cells.find((c) => c.row === i && c.col === col)?.text ?? '');
    lines.push(row([...labels, ...r.values, r.total]));
  });
  lines.push('', `## ${SECTION_FOUR_TITLE}`, '');
  const fourHeads = [
    ...CASE_RESULT_HEADINGS.map((h) => `行政复议·${h}`),
    ...CASE_RESULT_HEADINGS.map((h) => `行政诉讼·未经复议直接起诉·${h}`),
    ...CASE_RESULT_HEADINGS.map((h) => `行政诉讼·复议后起诉·${h}`),
  ];
  lines.push(row(fourHeads), `| ${fourHeads.map(() => '---:').join(' | ')} |`, row(sectionFourValues(report)));
  if (report.consistencyErrors.length) {
    lines.push('', '> 勾稽关系不成立：', ...report.consistencyErrors.map((e) => `> - ${escapeMarkdown(e.message)}`));
  }
  return lines.join('\n') + '\n';
}

export function renderHtml(report: AnnualReport): string {
  const title = reportTitle(report.year);
  const th = (text: string, rowSpan = 1, colSpan = 1) =>
    `<th${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ''}${colSpan > 1 ? ` colspan="${colSpan}"` : ''}>${escapeHtml(text)}</th>`;
  const orgColumns = REPORT_COLUMNS.filter((c) => c.group);
  const rows = report.sectionThree.rows;
  const cells = labelCells(rows.map((r) => r.path));
  const body = rows
    .map((r, i) => {
      const labels = cells.filter((c) => c.row === i).map((c) => th(c.text, c.rowSpan, c.colSpan));
      const values = [...r.values, r.total].map((v) => `<td>${escapeHtml(v)}</td>`);
      return `<tr>${labels.join('')}${values.join('')}</tr>`;
    })
    .join('\n');
  const four = sectionFourValues(report).map((v) => `<td>${escapeHtml(v)}</td>`).join('');
  const errors = report.consistencyErrors.length
    ? `<p class="consistency-errors">勾稽关系不成立：${report.consistencyErrors.map((e) => escapeHtml(e.message)).join('；')}</p>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: "SimSun", "Songti SC", serif; margin: 2em; }
table { border-collapse: collapse; margin: 1em 0 2em; }
th, td { border: 1px solid #000; padding: 4px 8px; }
th { font-weight: normal; text-align: left; }
thead th { text-align: center; }
td { text-align: right; min-width: 3em; }
.consistency-errors { color: #b00; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<h2>${escapeHtml(SECTION_THREE_TITLE)}</h2>
${errors}<table class="section-three">
<thead>
<tr>${th(SECTION_THREE_RULE, 3, LABEL_DEPTH)}${th('申请人情况', 1, REPORT_COLUMNS.length)}</tr>
<tr>${th(REPORT_COLUMNS[0]!.label, 2)}${th(orgColumns[0]!.group!, 1, orgColumns.length)}${th(REPORT_COLUMNS.at(-1)!.label, 2)}</tr>
<tr>${orgColumns.map((c) => th(c.label)).join('')}</tr>
</thead>
<tbody>
${body}
</tbody>
</table>
<h2>${escapeHtml(SECTION_FOUR_TITLE)}</h2>
<table class="section-four">
<thead>
<tr>${th('行政复议', 1, 5)}${th('行政诉讼', 1, 10)}</tr>
<tr>${CASE_RESULT_HEADINGS.map((h) => th(h, 2)).join('')}${th('未经复议直接起诉', 1, 5)}${th('复议后起诉', 1, 5)}</tr>
<tr>${[...CASE_RESULT_HEADINGS, ...CASE_RESULT_HEADINGS].map((h) => th(h)).join('')}</tr>
</thead>
<tbody>
<tr>${four}</tr>
</tbody>
</table>
</body>
</html>
`;
}
