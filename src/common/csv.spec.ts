import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { writeCsv } from './csv.js';
import { renderStatistics } from '../statistics/statistics-export.js';
import type { StatisticsReport } from '../statistics/statistics.service.js';
import { renderAwardRound } from '../awards/award-export.js';
import type { AwardRoundEntity } from '../awards/award-round.entity.js';
import type { SuggestionScoreObject, UnitScoreObject } from '../awards/dto/award.objects.js';

// Issue 12: every CSV goes through one writer that neutralises formula-leading cells.
const FORMULA_LEADS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
const formulaCell = fc.tuple(fc.constantFrom(...FORMULA_LEADS), fc.string({ maxLength: 30 })).map(([lead, rest]) => `${lead}${rest}`);
const anyCell = fc.oneof(formulaCell, fc.string({ maxLength: 30 }), fc.integer({ min: -1000, max: 1000 }), fc.constant(null));

function cells(csv: Buffer): string[][] {
  return parse(csv.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
}
const dangerous = (cell: string) => FORMULA_LEADS.includes(cell[0] ?? '') && !/^-\d+(\.\d+)?$/.test(cell);

describe('the CSV writer', () => {
  it('never lets a text cell start a formula, and keeps every value readable', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { minLength: 1, maxLength: 5 }), { maxLength: 8 }), (rows) => {
        const width = Math.max(1, ...rows.map((r) => r.length));
        const header = Array.from({ length: width }, (_, i) => `列${i}`);
        const padded = rows.map((r) => [...r, ...Array(width - r.length).fill(null)]);
        const back = cells(writeCsv(header, padded));
        expect(back[0]).toEqual(header);
        back.slice(1).forEach((line, i) =>
          line.forEach((cell, j) => {
            expect(dangerous(cell)).toBe(false);
            const sent = padded[i]![j];
            // What was sent, or it with the apostrophe that makes it text.
            expect([sent === null ? '' : String(sent), `'${sent}`]).toContain(cell);
          }),
        );
      }),
    );
  });

  it('keeps negative numbers as numbers and starts with a byte-order mark', () => {
    const csv = writeCsv(['a', 'b'], [[-5, '-5']]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(cells(csv)[1]).toEqual(['-5', "'-5"]);
  });
});

describe('every CSV export uses it', () => {
  it('the statistics CSV neutralises a formula in a group label (it had no guard)', async () => {
    await fc.assert(
      fc.asyncProperty(formulaCell, async (label) => {
        const report = { from: '2026-01-01', to: '2026-12-31', groupBy: 'UNIT', total: {}, groups: [{ key: '1', label, figures: {} }] } as unknown as StatisticsReport;
        const back = cells(await renderStatistics(report, 'csv'));
        expect(back[1]![1]).toBe(`'${label}`);
        for (const line of back) for (const cell of line) expect(dangerous(cell)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('the award CSV neutralises it too, and the XLSX keeps the text as typed', async () => {
    const unitName = '=HYPERLINK("http://x","点我")';
    const round = { quarter: '2026Q3', computedAt: new Date(0), publishedAt: null, status: 'COMPUTED', settings: { unitWeights: {}, citizenWeights: {}, minItemsToRank: 3, citizenNominees: 5 }, citizenCandidates: 0 } as unknown as AwardRoundEntity;
    const unit = { group: 'DEPARTMENT', rank: 1, standing: 'RANKED', unitCode: '@A1', unitName, composite: 90 } as unknown as UnitScoreObject;
    const citizen = { rank: 1, nominated: true, winner: false, trackingNumber: 'JY2026K7M3Q9X2HF', title: '+买菜难', authorDisplay: '张*', adoption: 'ADOPTED', citation: '-好建议' } as unknown as SuggestionScoreObject;
    const units = cells(await renderAwardRound(round, [unit], [citizen], 'csv', 'units'));
    expect(units[1]!.slice(3, 5)).toEqual(["'@A1", `'${unitName}`]);
    const citizens = cells(await renderAwardRound(round, [unit], [citizen], 'csv', 'citizens'));
    for (const line of citizens) for (const cell of line) expect(dangerous(cell)).toBe(false);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderAwardRound(round, [unit], [citizen], 'xlsx', 'units')) as never);
    const cell = book.getWorksheet('最佳服务之星')!.getRow(2).getCell(5);
    expect(cell.value).toBe(unitName);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });
});
