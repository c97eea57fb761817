import type ExcelJS from 'exceljs';
import { loadExcel } from '../common/excel.js';
import { CSV_CONTENT_TYPE, writeCsv } from '../common/csv.js';
import { settingsOfRound, type AwardRoundEntity } from './award-round.entity.js';
import { BASIS_TEXT } from './award-queries.service.js';
import { weightsToDecimals } from './award-scoring.js';
import type { SuggestionScoreObject, UnitScoreObject } from './dto/award.objects.js';

export const AWARD_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type AwardExportFormat = (typeof AWARD_EXPORT_FORMATS)[number];
export const AWARD_EXPORT_PARTS = ['units', 'citizens'] as const;
export type AwardExportPart = (typeof AWARD_EXPORT_PARTS)[number];

export const AWARD_EXPORT_CONTENT_TYPES: Record<AwardExportFormat, string> = {
  csv: CSV_CONTENT_TYPE,
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const GROUP = { DEPARTMENT: '市直部门', COUNTY_DISTRICT: '县市区' } as const;
const STANDING = { RANKED: '参与排名', BELOW_MINIMUM: '件数不足未排名', NOTHING_DUE: '无到期事项' } as const;

const UNIT_COLUMNS: { header: string; value: (u: UnitScoreObject) => string | number | null }[] = [
  { header: '组别', value: (u) => GROUP[u.group] },
  { header: '名次', value: (u) => u.rank },
  { header: '状态', value: (u) => STANDING[u.standing] },
  { header: '单位代码', value: (u) => u.unitCode },
  { header: '单位名称', value: (u) => u.unitName },
  { header: '综合得分', value: (u) => u.composite },
  { header: '响应率', value: (u) => u.responseRate },
  { header: '按时办结率', value: (u) => u.onTimeRate },
  { header: '满意率', value: (u) => u.satisfaction },
  { header: '采纳率', value: (u) => u.adoptionRate },
  { header: '评议得分', value: (u) => u.evaluatorScore },
  { header: '交办主办件', value: (u) => u.assignedCount },
  { header: '按时签收', value: (u) => u.signedOnTimeCount },
  { header: '到期应答复', value: (u) => u.repliesDueCount },
  { header: '按时答复', value: (u) => u.repliedOnTimeCount },
  { header: '评价件数', value: (u) => u.ratedCount },
  { header: '公开答复', value: (u) => u.repliedCount },
  { header: '采纳（含部分）', value: (u) => u.adoptedCount },
  { header: '评议次数', value: (u) => u.reviewCount },
];

const CITIZEN_COLUMNS: { header: string; value: (s: SuggestionScoreObject) => string | number | null }[] = [
  { header: '名次', value: (s) => s.rank },
  { header: '提名', value: (s) => (s.nominated ? '是' : '否') },
  { header: '获奖', value: (s) => (s.winner ? '是' : '否') },
  { header: '编号', value: (s) => s.trackingNumber },
  { header: '标题', value: (s) => s.title ?? '（未公开）' },
  { header: '建言人', value: (s) => s.authorDisplay },
  { header: '采纳情况', value: (s) => (s.adoption === 'ADOPTED' ? '采纳' : '部分采纳') },
  { header: '综合得分', value: (s) => s.composite },
  { header: '采纳得分', value: (s) => s.adoptionScore },
  { header: '评议得分', value: (s) => s.evaluatorScore },
  { header: '附议得分', value: (s) => s.supportScore },
  { header: '附议人数', value: (s) => s.supportCount },
  { header: '评议次数', value: (s) => s.reviewCount },
  { header: '颁奖词', value: (s) => s.citation },
];

function addTable<T>(workbook: ExcelJS.Workbook, name: string, columns: { header: string; value: (row: T) => string | number | null }[], rows: readonly T[]) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: Math.max(8, c.header.length * 2 + 4) }));
  // XLSX cells are typed: text stays text, so no apostrophe (the CSV writer neutralises formulas).
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

function csvTable<T>(columns: { header: string; value: (row: T) => string | number | null }[], rows: readonly T[]): Buffer {
  return writeCsv(columns.map((c) => c.header), rows.map((row) => columns.map((c) => c.value(row))));
}

export function awardExportFileName(round: AwardRoundEntity, format: AwardExportFormat, part: AwardExportPart): string {
  return format === 'xlsx' ? `awards_${round.quarter}.xlsx` : `awards_${round.quarter}_${part}.csv`;
}

/** A round as XLSX (units, citizens and the settings, one sheet each) or one part of it as CSV. */
export async function renderAwardRound(
  round: AwardRoundEntity,
  units: readonly UnitScoreObject[],
  citizens: readonly SuggestionScoreObject[],
  format: AwardExportFormat,
  part: AwardExportPart,
): Promise<Buffer> {
  if (format === 'csv') {
    return part === 'units' ? csvTable(UNIT_COLUMNS, units) : csvTable(CITIZEN_COLUMNS, citizens);
  }
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = round.computedAt ?? new Date(0); // the round, not the download, dates the file
  addTable(workbook, '最佳服务之星', UNIT_COLUMNS, units).views = [{ state: 'frozen', ySplit: 1 }];
  addTable(workbook, '最佳民众建言奖', CITIZEN_COLUMNS, citizens).views = [{ state: 'frozen', ySplit: 1 }];
  const w = weightsToDecimals(round.settings.unitWeights);
  const cw = weightsToDecimals(round.settings.citizenWeights);
  const settings = workbook.addWorksheet('评选设置');
  settings.columns = [{ header: '项目', key: 'k', width: 28 }, { header: '值', key: 'v', width: 20 }];
  const rows: [string, string | number][] = [
    ['季度', round.quarter],
    ['状态', round.status],
    ['计算时间', round.computedAt?.toISOString() ?? ''],
    ['公布时间', round.publishedAt?.toISOString() ?? ''],
    ['权重：响应率', w.response],
    ['权重：按时办结率', w.onTime],
    ['权重：满意率', w.satisfaction],
    ['权重：采纳率', w.adoption],
    ['权重：评议得分', w.evaluator],
    ['满意率计算口径', BASIS_TEXT[settingsOfRound(round).satisfactionBasis]],
    ['参与排名最少到期件数', round.settings.minItemsToRank],
    ['民众建言权重：采纳', cw.adoption],
    ['民众建言权重：评议', cw.evaluator],
    ['民众建言权重：附议', cw.support],
    ['提名名额', round.settings.citizenNominees],
    ['参评建言数', round.citizenCandidates],
  ];
  for (const [k, v] of rows) settings.addRow({ k, v });
  settings.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
