import ExcelJS from 'exceljs';
import { buildAnnualReport, SECTION_THREE_ROWS, type LedgerAggregates } from './annual-report.js';
import { labelCells, renderHtml, renderMarkdown } from './report-render.js';
import { buildReportWorkbook } from './report-xlsx.js';

const zero = { received: 0, carriedOver: 0, carriedForward: 0 };
const ledger: LedgerAggregates = {
  byApplicant: { NATURAL_PERSON: { ...zero, received: 44 }, OTHER_ORG: { ...zero, received: 1 } },
  outcomes: [
    { applicantType: 'NATURAL_PERSON', outcome: 'DISCLOSED', count: 9 },
    { applicantType: 'NATURAL_PERSON', outcome: 'UNAVAILABLE_NOT_HELD', count: 35 },
    { applicantType: 'OTHER_ORG', outcome: 'UNAVAILABLE_NOT_HELD', count: 1 },
  ],
};
const report = buildAnnualReport(2020, ledger, [{ kind: 'LAWSUIT_AFTER_REVIEW', result: 'CORRECTED', count: 2 }], { sent: 45, onTime: 45 });

describe('report layout', () => {
  it('merges shared labels down and the last label across, as the national format does', () => {
    const cells = labelCells(SECTION_THREE_ROWS.map((r) => r.path));
    const find = (text: string) => cells.find((c) => c.text === text)!;
    expect(find('一、本年新收政府信息公开申请数量')).toEqual(expect.objectContaining({ row: 0, col: 0, rowSpan: 1, colSpan: 3 }));
    expect(find('三、本年度办理结果')).toEqual(expect.objectContaining({ row: 2, col: 0, rowSpan: 20, colSpan: 1 }));
    expect(find('（一）予以公开')).toEqual(expect.objectContaining({ row: 2, col: 1, rowSpan: 1, colSpan: 2 }));
    expect(find('（三）不予公开')).toEqual(expect.objectContaining({ row: 4, col: 1, rowSpan: 8, colSpan: 1 }));
    expect(find('（四）无法提供')).toEqual(expect.objectContaining({ rowSpan: 3 }));
    expect(find('（五）不予处理')).toEqual(expect.objectContaining({ rowSpan: 5 }));
    expect(find('8.属于行政查询事项')).toEqual(expect.objectContaining({ row: 11, col: 2, rowSpan: 1, colSpan: 1 }));
    expect(find('四、结转下年度继续办理')).toEqual(expect.objectContaining({ row: 22, colSpan: 3 }));
    expect(cells.filter((c) => c.text === '三、本年度办理结果')).toHaveLength(1);
  });

  it('renders Markdown with every row and column', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('# 2020年政府信息公开工作年度报告（依申请公开部分）');
    expect(md).toContain('| 申请人情况 |  |  | 自然人 | 法人或其他组织·商业企业 |');
    expect(md).toContain('| 一、本年新收政府信息公开申请数量 |  |  | 44 | 0 | 0 | 0 | 0 | 1 | 45 |');
    expect(md).toContain('| 三、本年度办理结果 | （一）予以公开 |  | 9 | 0 | 0 | 0 | 0 | 0 | 9 |');
    expect(md).toContain('|  | （四）无法提供 | 1.本机关不掌握相关政府信息 | 35 | 0 | 0 | 0 | 0 | 1 | 36 |');
    expect(md).toContain('|  | （七）总计 |  | 44 | 0 | 0 | 0 | 0 | 1 | 45 |');
    expect(md).toContain('| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 2 | 0 | 0 | 2 |');
    expect(md.split('\n').filter((l) => /^\|[^|]*\|[^|]*\|[^|]*\|( \d+ \|){7}$/.test(l))).toHaveLength(23);
  });

  it('renders HTML with the national format’s merged cells, escaped', () => {
    const html = renderHtml(report);
    expect(html).toContain('<th rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="7">申请人情况</th>');
    expect(html).toContain('<th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th>');
    expect(html).toContain('<tr><th rowspan="20">三、本年度办理结果</th><th colspan="2">（一）予以公开</th><td>9</td>');
    expect(html).toContain('<th rowspan="8">（三）不予公开</th><th>1.属于国家秘密</th>');
    expect(html).toContain('<th colspan="5">行政复议</th><th colspan="10">行政诉讼</th>');
    expect(html).toContain('<td>2</td><td>0</td><td>0</td><td>2</td></tr>');
    expect(html.match(/<tr>/g)).toHaveLength(3 + 23 + 3 + 1);
    expect(html).not.toMatch(/<script/i);
  });

  it('builds a workbook laid out the same way', async () => {
    const buffer = await (await buildReportWorkbook(report, new Date('2021-01-05T00:00:00Z'))).xlsx.writeBuffer();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as ArrayBuffer);
    const three = book.getWorksheet('三、申请情况')!;
    expect(three.getCell('A6').value).toBe('一、本年新收政府信息公开申请数量');
    expect([4, 5, 6, 7, 8, 9, 10].map((c) => three.getRow(6).getCell(c).value)).toEqual([44, 0, 0, 0, 0, 1, 45]);
    expect(three.getCell('A8').value).toBe('三、本年度办理结果');
    expect(three.getCell('A27').isMerged).toBe(true); // 三、本年度办理结果 spans rows 8–27
    expect(three.getCell('B24').value).toBe('（五）不予处理');
    expect(three.getRow(27).getCell(4).value).toBe(44);
    expect(three.getCell('A28').value).toBe('四、结转下年度继续办理');
    const four = book.getWorksheet('四、复议诉讼')!;
    expect(four.getCell('K3').value).toBe('复议后起诉');
    expect([11, 12, 13, 14, 15].map((c) => four.getRow(5).getCell(c).value)).toEqual([0, 2, 0, 0, 2]);
  });
});
