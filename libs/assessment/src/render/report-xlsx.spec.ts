import ExcelJS from 'exceljs';
import { makeMonthlyReport } from '../testing/monthly-report.factory.js';
import { centresOf } from './report-format.js';
import { REPORT_SHEETS, renderReportXlsx } from './report-xlsx.js';

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const headerOf = (ws: ExcelJS.Worksheet): unknown[] => (ws.getRow(1).values as unknown[]).slice(1);
/** A sheet's data rows as objects keyed by the header's text. */
function rowsOf(ws: ExcelJS.Worksheet): Array<Record<string, unknown>> {
  const header = headerOf(ws) as string[];
  const out: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  });
  return out;
}

describe('the monthly report as an Excel workbook', () => {
  const report = makeMonthlyReport();
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const buffer = await renderReportXlsx(report);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    wb = await readBack(buffer);
  });

  it('has the four sheets, in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '指标', '超期办件', '说明']);
    expect(Object.values(REPORT_SHEETS)).toEqual(['排名', '指标', '超期办件', '说明']);
  });

  it('ranks the counties, then each county\'s townships, with the index, the rank and the change as numbers', () => {
    const ws = wb.getWorksheet('排名')!;
    expect(headerOf(ws)).toEqual(['层级', '所属县区', '中心代码', '中心', '排名', '综合指数', '上月排名', '名次变化（升为正）', '上月综合指数', '指数变化']);
    const rows = rowsOf(ws);
    const expected = [...report.counties, ...report.townships.flatMap((t) => t.ranked)];
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const c = expected[i]!;
      expect(row).toMatchObject({ 中心代码: c.figures.node, 中心: c.figures.name, 排名: c.rank, 综合指数: c.index, 上月排名: c.previousRank, 上月综合指数: c.previousIndex });
    });
    expect(rows[0]).toMatchObject({ 层级: '县（区）级', 所属县区: null, '名次变化（升为正）': 1, 指数变化: Math.round((report.counties[0]!.index - 91.2) * 100) / 100 });
    // 通贵乡 was not ranked last month: no previous rank, no change.
    expect(rows.find((r) => r['中心'] === '通贵乡便民服务中心')).toMatchObject({ 层级: '乡镇（街道）级', 所属县区: '兴庆区政务服务中心', 上月排名: null, '名次变化（升为正）': null, 指数变化: null });
    expect(ws.getColumn(6).numFmt).toBe('0.00');
  });

  it('gives every centre\'s figures one row, with Chinese headers, counts as numbers and rates as percentages', () => {
    const ws = wb.getWorksheet('指标')!;
    const header = headerOf(ws) as string[];
    expect(header.slice(0, 9)).toEqual(['中心代码', '中心', '层级', '所属县区', '受理办件数', '办结办件数', '按时办结数', '超期办结数', '按时办结率']);
    expect(header).toEqual(expect.arrayContaining(['差评率', '督办按时反馈数', '投诉成立数', '综合指数', '按时办结率得分（权重40%）']));
    for (const h of header) expect(h).toMatch(/[\u4e00-\u9fff]/);
    const rows = rowsOf(ws);
    const centres = centresOf(report);
    expect(rows.map((r) => r['中心代码'])).toEqual(centres.map((c) => c.figures.node));
    rows.forEach((row, i) => {
      const f = centres[i]!.figures;
      expect(row).toMatchObject({
        受理办件数: f.received,
        办结办件数: f.decided,
        按时办结数: f.onTime,
        超期办结数: f.late,
        按时办结率: f.onTimeRate,
        '平均用时（工作日）': f.avgDaysUsed,
        非常满意: f.ratings['1'],
        不满意: f.ratings['4'],
        评价总数: f.ratingsTotal,
        差评率: f.poorShare,
        督办收到数: f.ordersReceived,
        投诉成立数: f.complaintsUpheld,
        综合指数: centres[i]!.index,
        '按时办结率得分（权重40%）': centres[i]!.parts[0]!.points,
      });
    });
    expect(typeof rows[1]!['按时办结率']).toBe('number');
    expect(ws.getColumn(header.indexOf('按时办结率') + 1).numFmt).toBe('0.0%');
    expect(ws.getColumn(header.indexOf('差评率') + 1).numFmt).toBe('0.0%');
    // A centre with no rating has no share of poor ones, not a zero.
    expect(rows.find((r) => r['中心'] === '杨和镇便民服务中心')!['差评率']).toBeNull();
  });

  it('lists the late cases with their dates as dates', () => {
    const ws = wb.getWorksheet('超期办件')!;
    expect(headerOf(ws)).toEqual(['办件编号', '事项', '决定单位', '决定单位代码', '当前持有', '应办结日', '办结日', '超期（工作日）', '状态']);
    const rows = rowsOf(ws);
    expect(rows.map((r) => r['办件编号'])).toEqual(report.lateCases.map((l) => l.caseNumber));
    expect(rows[0]).toMatchObject({ 事项: '食品经营许可', 决定单位: '兴庆区政务服务中心', 当前持有: '掌政镇便民服务中心', 应办结日: new Date('2026-11-17T00:00:00Z'), 办结日: new Date('2026-11-20T00:00:00Z'), '超期（工作日）': 3, 状态: '已办结' });
    expect(rows[2]).toMatchObject({ 办结日: null, 状态: '未办结', '超期（工作日）': 4 });
    expect(ws.getColumn(6).numFmt).toBe('yyyy-mm-dd');
  });

  it('says which month, its status, the weights version and when it was generated', async () => {
    const about = (w: ExcelJS.Workbook) => Object.fromEntries(rowsOf(w.getWorksheet('说明')!).map((r) => [r['项目'], r['内容']]));
    expect(about(wb)).toMatchObject({
      通报: '银川市政务服务效能月度通报（2026年11月）',
      考核月份: '2026-11',
      状态: '正式版',
      '封存时间（北京时间）': '2026-12-02 10:00',
      权重版本: 3,
      '生成时间（北京时间）': '2026-12-02 10:05',
      '生成时间（ISO 8601）': '2026-12-02T02:05:00.000Z',
    });
    const draft = await readBack(await renderReportXlsx(makeMonthlyReport({ status: 'open', closedAt: null, weightsVersion: 4 })));
    expect(about(draft)).toMatchObject({ 状态: '草稿', '封存时间（北京时间）': '未封存', 权重版本: 4 });
  });
});
