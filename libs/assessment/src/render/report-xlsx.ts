import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { CentreFigures, MonthlyReport, RankedCentre } from '../report.types.js';
import { centreName, centresOf, cityNameOf, indexChange, localTime, monthZh, type ReportRenderOptions, reportTitle, statusZh, TIER_ZH } from './report-format.js';

/** exceljs (some 25 MB resident) is loaded on first use, not at every node's start. */
const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

type Worksheet = ExcelJS.Worksheet;

interface Column {
  header: string;
  key: string;
  width: number;
  /** An Excel number format: rates as percentages, averages and indexes with decimals, dates as dates. */
  numFmt?: string;
}

const PERCENT = '0.0%';
const TWO = '0.00';
const ONE = '0.0';
const DATE = 'yyyy-mm-dd';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };

/** The sheets' names, as staff see them and as a reader of the workbook finds them. */
export const REPORT_SHEETS = { ranking: '排名', figures: '指标', late: '超期办件', about: '说明' } as const;

/**
 * The monthly report (效能月度通报) as an Excel workbook: 排名 (counties, then each county's townships,
 * with index, rank and change), 指标 (every centre's figures, one row each, and the parts of its
 * index), 超期办件 (late cases) and 说明 (month, status, weights version, when generated). Counts,
 * indexes and rates are numbers (rates formatted as percentages), dates are dates.
 */
export async function renderReportXlsx(report: MonthlyReport, options: ReportRenderOptions = {}): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = 'Tongban 通办';
  wb.title = reportTitle(report, options);
  wb.created = new Date(report.generatedAt);
  wb.modified = new Date(report.generatedAt);

  ranking(sheet(wb, REPORT_SHEETS.ranking, RANK_COLUMNS), report);
  figures(wb, report);
  late(sheet(wb, REPORT_SHEETS.late, LATE_COLUMNS), report);
  about(wb, report, options);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet with a bold, shaded, frozen header row, and a filter on it for a list. */
function sheet(wb: ExcelJS.Workbook, name: string, columns: readonly Column[], list = true): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.numFmt = 'General';
  });
  if (list) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

const RANK_COLUMNS: Column[] = [
  { header: '层级', key: 'tier', width: 14 },
  { header: '所属县区', key: 'county', width: 22 },
  { header: '中心代码', key: 'node', width: 15 },
  { header: '中心', key: 'name', width: 24 },
  { header: '排名', key: 'rank', width: 8 },
  { header: '综合指数', key: 'index', width: 10, numFmt: TWO },
  { header: '上月排名', key: 'previousRank', width: 10 },
  { header: '名次变化（升为正）', key: 'rankChange', width: 12 },
  { header: '上月综合指数', key: 'previousIndex', width: 12, numFmt: TWO },
  { header: '指数变化', key: 'indexChange', width: 10, numFmt: '+0.00;-0.00;0.00' },
];

function ranking(ws: Worksheet, report: MonthlyReport): void {
  const row = (c: RankedCentre, county: string | null) => ({
    tier: TIER_ZH[c.figures.tier],
    county,
    node: c.figures.node,
    name: c.figures.name,
    rank: c.rank,
    index: c.index,
    previousRank: c.previousRank,
    rankChange: c.previousRank === null ? null : c.previousRank - c.rank,
    previousIndex: c.previousIndex,
    indexChange: indexChange(c),
  });
  for (const c of report.counties) ws.addRow(row(c, null));
  for (const group of report.townships) for (const c of group.ranked) ws.addRow(row(c, group.countyName));
}

const FIGURE_COLUMNS: Column[] = [
  { header: '中心代码', key: 'node', width: 15 },
  { header: '中心', key: 'name', width: 24 },
  { header: '层级', key: 'tier', width: 14 },
  { header: '所属县区', key: 'county', width: 22 },
  { header: '受理办件数', key: 'received', width: 10 },
  { header: '办结办件数', key: 'decided', width: 10 },
  { header: '按时办结数', key: 'onTime', width: 10 },
  { header: '超期办结数', key: 'late', width: 10 },
  { header: '按时办结率', key: 'onTimeRate', width: 10, numFmt: PERCENT },
  { header: '平均用时（工作日）', key: 'avgDaysUsed', width: 12, numFmt: ONE },
  { header: '平均承诺时限（工作日）', key: 'avgDaysCommitted', width: 14, numFmt: ONE },
  { header: '非常满意', key: 'r1', width: 9 },
  { header: '满意', key: 'r2', width: 9 },
  { header: '基本满意', key: 'r3', width: 9 },
  { header: '不满意', key: 'r4', width: 9 },
  { header: '非常不满意', key: 'r5', width: 10 },
  { header: '评价总数', key: 'ratingsTotal', width: 9 },
  { header: '差评率', key: 'poorShare', width: 9, numFmt: PERCENT },
  { header: '整改发起数', key: 'rectificationsOpened', width: 10 },
  { header: '整改按时答复数', key: 'rectificationsAnsweredInTime', width: 12 },
  { header: '整改月末可评数（已答复或已到期）', key: 'rectificationsDue', width: 14 },
  { header: '督办收到数', key: 'ordersReceived', width: 10 },
  { header: '督办按时反馈数', key: 'ordersAnsweredInTime', width: 12 },
  { header: '督办月末可评数（已反馈或已到期）', key: 'ordersDue', width: 14 },
  { header: '督办标记监察建议数', key: 'ordersFlagged', width: 14 },
  { header: '投诉收到数', key: 'complaintsReceived', width: 10 },
  { header: '投诉成立数', key: 'complaintsUpheld', width: 10 },
  { header: '综合指数', key: 'index', width: 10, numFmt: TWO },
];

function figures(wb: ExcelJS.Workbook, report: MonthlyReport): void {
  const centres = centresOf(report);
  // The parts of the index, as the first centre lists them: each part's points, after the index.
  const parts = centres[0]?.parts ?? [];
  const partColumns: Column[] = parts.map((p) => ({ header: `${p.labelZh}得分（权重${p.weight}%）`, key: `part:${p.code}`, width: 14, numFmt: TWO }));
  const ws = sheet(wb, REPORT_SHEETS.figures, [...FIGURE_COLUMNS, ...partColumns]);
  for (const c of centres) {
    const f: CentreFigures = c.figures;
    ws.addRow({
      node: f.node,
      name: f.name,
      tier: TIER_ZH[f.tier],
      county: f.county === null ? null : centreName(report, f.county),
      received: f.received,
      decided: f.decided,
      onTime: f.onTime,
      late: f.late,
      onTimeRate: f.onTimeRate,
      avgDaysUsed: f.avgDaysUsed,
      avgDaysCommitted: f.avgDaysCommitted,
      r1: f.ratings['1'],
      r2: f.ratings['2'],
      r3: f.ratings['3'],
      r4: f.ratings['4'],
      r5: f.ratings['5'],
      ratingsTotal: f.ratingsTotal,
      poorShare: f.poorShare,
      rectificationsOpened: f.rectificationsOpened,
      rectificationsAnsweredInTime: f.rectificationsAnsweredInTime,
      rectificationsDue: f.rectificationsDue,
      ordersReceived: f.ordersReceived,
      ordersAnsweredInTime: f.ordersAnsweredInTime,
      ordersDue: f.ordersDue,
      ordersFlagged: f.ordersFlagged,
      complaintsReceived: f.complaintsReceived,
      complaintsUpheld: f.complaintsUpheld,
      index: c.index,
      ...Object.fromEntries(parts.map((p) => [`part:${p.code}`, c.parts.find((x) => x.code === p.code)?.points ?? null])),
    });
  }
}

const LATE_COLUMNS: Column[] = [
  { header: '办件编号', key: 'caseNumber', width: 30 },
  { header: '事项', key: 'itemName', width: 28 },
  { header: '决定单位', key: 'decidingName', width: 22 },
  { header: '决定单位代码', key: 'decidingNode', width: 15 },
  { header: '当前持有', key: 'holderName', width: 22 },
  { header: '应办结日', key: 'dueOn', width: 12, numFmt: DATE },
  { header: '办结日', key: 'closedOn', width: 12, numFmt: DATE },
  { header: '超期（工作日）', key: 'overdueDays', width: 12 },
  { header: '状态', key: 'state', width: 10 },
];

/** A calendar day as an Excel date (midnight UTC, so it shows as that day wherever the file is opened). */
const day = (d: string): Date => new Date(`${d}T00:00:00Z`);

function late(ws: Worksheet, report: MonthlyReport): void {
  for (const l of report.lateCases) {
    ws.addRow({
      caseNumber: l.caseNumber,
      itemName: l.itemName,
      decidingName: centreName(report, l.decidingNode),
      decidingNode: l.decidingNode,
      holderName: centreName(report, l.holder),
      dueOn: day(l.dueOn),
      closedOn: l.closedOn === null ? null : day(l.closedOn),
      overdueDays: l.overdueDays,
      state: l.closedOn === null ? '未办结' : '已办结',
    });
  }
}

function about(wb: ExcelJS.Workbook, report: MonthlyReport, options: ReportRenderOptions): void {
  const ws = sheet(wb, REPORT_SHEETS.about, [
    { header: '项目', key: 'label', width: 16 },
    { header: '内容', key: 'value', width: 60 },
  ], false);
  const rows: Array<[string, string | number]> = [
    ['通报', reportTitle(report, options)],
    ['城市', cityNameOf(report, options)],
    ['考核月份', report.month],
    ['月份（中文）', monthZh(report.month)],
    ['状态', report.status === 'closed' ? '正式版' : '草稿'],
    ['状态说明', statusZh(report)],
    ['封存时间（北京时间）', report.closedAt === null ? '未封存' : localTime(report.closedAt)],
    ['权重版本', report.weightsVersion],
    ['生成时间（北京时间）', localTime(report.generatedAt)],
    ['生成时间（ISO 8601）', report.generatedAt],
    ['说明', '按时办结率 = 按时办结数 ÷（按时办结数 + 超期办结数）；差评率 =（不满意 + 非常不满意）÷ 评价总数；市级中心单独计分、不参与排名。'],
  ];
  for (const [label, value] of rows) ws.addRow({ label, value });
  ws.getColumn('value').alignment = { wrapText: true, vertical: 'top' };
}
