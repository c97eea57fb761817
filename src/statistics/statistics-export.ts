import type ExcelJS from 'exceljs';
import { loadExcel } from '../common/excel.js';
import { CSV_CONTENT_TYPE, writeCsv } from '../common/csv.js';
import type { Figures } from './statistics-figures.js';
import type { StatisticsReport } from './statistics.service.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const GROUP_NAMES = { CAMPAIGN: '期次', UNIT: '责任单位', CATEGORY: '类别', MONTH: '月份', CHANNEL: '渠道' } as const;

/** Column order and headings of the export (zh-CN, as the office files them). */
export const EXPORT_COLUMNS: readonly { key: keyof Figures; header: string }[] = [
  { key: 'campaignsPublished', header: '发布期数' },
  { key: 'received', header: '收到建议' },
  { key: 'accepted', header: '受理交办' },
  { key: 'rejected', header: '不予受理' },
  { key: 'returned', header: '退回' },
  { key: 'transferred', header: '转办' },
  { key: 'replied', header: '已办理回复' },
  { key: 'adopted', header: '采纳建议（含部分采纳）' },
  { key: 'partlyAdopted', header: '其中部分采纳' },
  { key: 'adoptionRate', header: '采纳率(%)' },
  { key: 'repliesPublished', header: '答复件次' },
  { key: 'repliesOnTime', header: '按时答复件次' },
  { key: 'onTimeReplyRate', header: '按时办结率(%)' },
  { key: 'signsDue', header: '应签收' },
  { key: 'signedOnTime', header: '按时签收' },
  { key: 'onTimeSignRate', header: '按时签收率(%)' },
  { key: 'rated', header: '评价数' },
  { key: 'satisfied', header: '满意' },
  { key: 'basicallySatisfied', header: '基本满意' },
  { key: 'unsatisfied', header: '不满意' },
  { key: 'satisfaction', header: '满意度' },
  { key: 'reopened', header: '重办' },
  { key: 'reopenRate', header: '重办率(%)' },
  { key: 'evaluatorOpinionsHandled', header: '处理评议员意见' },
];

export function exportFileName(report: StatisticsReport, format: ExportFormat): string {
  return `statistics_${report.from}_${report.to}_${report.groupBy.toLowerCase()}.${format}`;
}

/** The report as one table: a row per group, then 合计 (the period total). */
export async function renderStatistics(report: StatisticsReport, format: ExportFormat): Promise<Buffer> {
  const totalLabel = `合计（${report.from} 至 ${report.to}）`;
  if (format === 'csv') {
    const line = (key: string, label: string, figures: Figures) => [key, label, ...EXPORT_COLUMNS.map((c) => figures[c.key] ?? null)];
    return writeCsv(
      ['分组代码', GROUP_NAMES[report.groupBy], ...EXPORT_COLUMNS.map((c) => c.header)],
      [...report.groups.map((g) => line(g.key, g.label, g.figures)), line('', totalLabel, report.total)],
    );
  }
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = new Date(0); // reproducible files: the period, not the export time, names them
  const sheet = workbook.addWorksheet('统计');
  sheet.columns = [
    { header: '分组代码', key: 'key', width: 10 },
    { header: GROUP_NAMES[report.groupBy], key: 'label', width: 28 },
    ...EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(8, c.header.length * 2 + 2) })),
  ];
  const row = (key: string, label: string, figures: Figures) =>
    Object.fromEntries([['key', key], ['label', label], ...EXPORT_COLUMNS.map((c) => [c.key, figures[c.key] ?? null])]);
  for (const g of report.groups) sheet.addRow(row(g.key, g.label, g.figures));
  const total = sheet.addRow(row('', totalLabel, report.total));
  sheet.getRow(1).font = { bold: true };
  total.font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: CSV_CONTENT_TYPE,
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
