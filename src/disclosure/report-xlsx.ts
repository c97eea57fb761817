import type ExcelJS from 'exceljs';
import { loadExcel } from '../common/excel.js';
import { REPORT_COLUMNS, SECTION_FOUR_TITLE, SECTION_THREE_RULE, SECTION_THREE_TITLE, type AnnualReport } from './annual-report.js';
import { CASE_RESULT_HEADINGS, LABEL_DEPTH, labelCells, reportTitle, sectionFourValues } from './report-render.js';

// The annual report as a workbook laid out like the national format: one sheet per section,
// merged header and label cells as in the printed tables.

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export async function buildReportWorkbook(report: AnnualReport, createdAt: Date): Promise<ExcelJS.Workbook> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'CivicLoop';
  workbook.created = createdAt;
  workbook.title = reportTitle(report.year);
  addSectionThree(workbook, report);
  addSectionFour(workbook, report);
  return workbook;
}

/** Writes a cell and merges it over rowSpan × colSpan (1-based row and column). */
function put(sheet: ExcelJS.Worksheet, row: number, col: number, value: string | number, rowSpan = 1, colSpan = 1): void {
  const cell = sheet.getCell(row, col);
  cell.value = value;
  cell.alignment = { vertical: 'middle', horizontal: typeof value === 'number' ? 'right' : 'center', wrapText: true };
  if (rowSpan > 1 || colSpan > 1) sheet.mergeCells(row, col, row + rowSpan - 1, col + colSpan - 1);
  for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) sheet.getCell(r, c).border = border;
}

function addSectionThree(workbook: ExcelJS.Workbook, report: AnnualReport): void {
  const sheet = workbook.addWorksheet('三、申请情况');
  const width = LABEL_DEPTH + REPORT_COLUMNS.length;
  sheet.getCell(1, 1).value = reportTitle(report.year);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(2, 1).value = SECTION_THREE_TITLE;
  sheet.getCell(2, 1).font = { bold: true };
  sheet.mergeCells(2, 1, 2, width);
  // Header: the rule in the merged corner, then 申请人情况 › 自然人 | 法人或其他组织 (five) | 总计.
  const top = 3;
  put(sheet, top, 1, SECTION_THREE_RULE, 3, LABEL_DEPTH);
  put(sheet, top, LABEL_DEPTH + 1, '申请人情况', 1, REPORT_COLUMNS.length);
  const orgColumns = REPORT_COLUMNS.filter((c) => c.group);
  put(sheet, top + 1, LABEL_DEPTH + 1, REPORT_COLUMNS[0]!.label, 2);
  put(sheet, top + 1, LABEL_DEPTH + 2, orgColumns[0]!.group!, 1, orgColumns.length);
  put(sheet, top + 1, width, REPORT_COLUMNS.at(-1)!.label, 2);
  orgColumns.forEach((c, i) => put(sheet, top + 2, LABEL_DEPTH + 2 + i, c.label));
  const first = top + 3;
  const rows = report.sectionThree.rows;
  for (const cell of labelCells(rows.map((r) => r.path))) {
    put(sheet, first + cell.row, cell.col + 1, cell.text, cell.rowSpan, cell.colSpan);
    sheet.getCell(first + cell.row, cell.col + 1).alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
  }
  rows.forEach((r, i) => [...r.values, r.total].forEach((v, j) => put(sheet, first + i, LABEL_DEPTH + 1 + j, v)));
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 26;
  sheet.getColumn(3).width = 34;
  for (let c = LABEL_DEPTH + 1; c <= width; c++) sheet.getColumn(c).width = 12;
}

function addSectionFour(workbook: ExcelJS.Workbook, report: AnnualReport): void {
  const sheet = workbook.addWorksheet('四、复议诉讼');
  sheet.getCell(1, 1).value = SECTION_FOUR_TITLE;
  sheet.getCell(1, 1).font = { bold: true };
  sheet.mergeCells(1, 1, 1, 15);
  put(sheet, 2, 1, '行政复议', 1, 5);
  put(sheet, 2, 6, '行政诉讼', 1, 10);
  CASE_RESULT_HEADINGS.forEach((h, i) => put(sheet, 3, 1 + i, h, 2));
  put(sheet, 3, 6, '未经复议直接起诉', 1, 5);
  put(sheet, 3, 11, '复议后起诉', 1, 5);
  [...CASE_RESULT_HEADINGS, ...CASE_RESULT_HEADINGS].forEach((h, i) => put(sheet, 4, 6 + i, h));
  sectionFourValues(report).forEach((v, i) => put(sheet, 5, 1 + i, v));
  for (let c = 1; c <= 15; c++) sheet.getColumn(c).width = 11;
}
