import { drawTable, FONT, type PdfColumn, startPdf } from '#libs/print';
import type { MonthlyReport, RankedCentre } from '../report.types.js';
import {
  centreName,
  centresOf,
  decimal,
  indexChange,
  localTime,
  monthZh,
  percent,
  rankChangeZh,
  type ReportRenderOptions,
  reportTitle,
  signed,
  statusZh,
} from './report-format.js';

const RED = '#c00000';
/** The ideographic space (全角空格) between items on one line. */
const GAP = '\u3000';
const MARGIN = 50;
const TABLE = { font: FONT.regular, boldFont: FONT.bold, fontSize: 8.5 };

/**
 * The monthly report (效能月度通报) as an A4 PDF: the title and status, the county ranking, each
 * county's township ranking, every centre's figures and the parts of its index, and the late cases.
 */
export async function renderReportPdf(report: MonthlyReport, options: ReportRenderOptions = {}): Promise<Buffer> {
  const title = reportTitle(report, options);
  const { doc, finish } = startPdf({
    title,
    subject: `政务服务效能考核 ${report.month}`,
    createdAt: new Date(report.generatedAt),
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
  });

  heading(doc, report, title);
  section(doc, '一、县（区）政务服务中心效能综合指数排名');
  drawTable(doc, RANK_COLUMNS, report.counties.map(rankRow), TABLE);

  section(doc, '二、乡镇（街道）便民服务中心排名（按所属县区）');
  if (report.townships.length === 0) note(doc, '本月无乡镇（街道）参与排名。');
  report.townships.forEach((group, i) => {
    subsection(doc, `（${CHINESE_NUMERALS[i] ?? i + 1}）${group.countyName}所属乡镇（街道）`);
    drawTable(doc, RANK_COLUMNS, group.ranked.map(rankRow), TABLE);
  });
  if (report.city) note(doc, `${report.city.figures.name}单独计分、不参与排名：综合指数 ${report.city.index.toFixed(2)}。`);

  section(doc, '三、各中心主要指标');
  drawTable(doc, FIGURE_COLUMNS, centresOf(report).map(figureRow), { ...TABLE, fontSize: 7.5 });

  section(doc, '四、综合指数构成（各项得分 × 权重）');
  const parts = centresOf(report)[0]?.parts ?? [];
  const partColumns: PdfColumn[] = [{ header: '中心', width: 2.2 }, ...parts.map((p) => ({ header: `${p.labelZh}（${p.weight}%）`, width: 1, align: 'right' as const })), { header: '综合指数', width: 0.9, align: 'right' }];
  drawTable(doc, partColumns, centresOf(report).map((c) => [c.figures.name, ...parts.map((p) => decimal(c.parts.find((x) => x.code === p.code)?.points ?? null, 2)), c.index.toFixed(2)]), { ...TABLE, fontSize: 7.5 });

  section(doc, '五、超期办件');
  if (report.lateCases.length === 0) note(doc, '本月无超期办件。');
  else drawTable(doc, LATE_COLUMNS, report.lateCases.map((l) => [l.caseNumber, l.itemName, centreName(report, l.decidingNode), centreName(report, l.holder), l.dueOn, l.closedOn ?? '未办结', String(l.overdueDays)]), { ...TABLE, fontSize: 7.5 });

  footers(doc, title);
  return finish();
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const RANK_COLUMNS: PdfColumn[] = [
  { header: '排名', width: 0.6, align: 'center' },
  { header: '中心', width: 2.6 },
  { header: '综合指数', width: 1, align: 'right' },
  { header: '上月排名', width: 0.9, align: 'center' },
  { header: '名次变化', width: 0.9, align: 'center' },
  { header: '指数较上月', width: 1, align: 'right' },
];

function rankRow(c: RankedCentre): string[] {
  return [String(c.rank), c.figures.name, c.index.toFixed(2), c.previousRank === null ? '—' : String(c.previousRank), rankChangeZh(c), signed(indexChange(c))];
}

const FIGURE_COLUMNS: PdfColumn[] = [
  { header: '中心', width: 2.2 },
  { header: '受理', width: 0.7, align: 'right' },
  { header: '办结', width: 0.7, align: 'right' },
  { header: '按时', width: 0.7, align: 'right' },
  { header: '超期', width: 0.7, align: 'right' },
  { header: '按时办结率', width: 1, align: 'right' },
  { header: '平均用时/承诺（工作日）', width: 1.2, align: 'right' },
  { header: '评价', width: 0.7, align: 'right' },
  { header: '差评率', width: 0.8, align: 'right' },
  { header: '整改按时/到期/发起', width: 1.0, align: 'right' },
  { header: '督办按时/到期/收到/标记', width: 1.2, align: 'right' },
  { header: '投诉成立/收到', width: 0.9, align: 'right' },
];

function figureRow(c: RankedCentre): string[] {
  const f = c.figures;
  return [
    f.name,
    String(f.received),
    String(f.decided),
    String(f.onTime),
    String(f.late),
    percent(f.onTimeRate),
    `${decimal(f.avgDaysUsed)}/${decimal(f.avgDaysCommitted)}`,
    String(f.ratingsTotal),
    percent(f.poorShare),
    `${f.rectificationsAnsweredInTime}/${f.rectificationsDue}/${f.rectificationsOpened}`,
    `${f.ordersAnsweredInTime}/${f.ordersDue}/${f.ordersReceived}/${f.ordersFlagged}`,
    `${f.complaintsUpheld}/${f.complaintsReceived}`,
  ];
}

const LATE_COLUMNS: PdfColumn[] = [
  { header: '办件编号', width: 3.1 },
  { header: '事项', width: 2.1 },
  { header: '决定单位', width: 1.6 },
  { header: '当前持有', width: 1.6 },
  { header: '应办结日', width: 1.2, align: 'center' },
  { header: '办结日', width: 1.2, align: 'center' },
  { header: '超期（工作日）', width: 0.9, align: 'right' },
];

/** The red head of an official notice (红头): title, status, a red rule. */
function heading(doc: PDFKit.PDFDocument, report: MonthlyReport, title: string): void {
  doc.font('zh-bold').fontSize(18).fillColor(RED).text(title, { align: 'center' });
  doc.moveDown(0.4);
  doc.font('zh').fontSize(10).fillColor('black').text(`状态：${statusZh(report)}`, { align: 'center' });
  doc.text(`考核月份：${monthZh(report.month)}${GAP}权重版本：第 ${report.weightsVersion} 版${GAP}生成时间：${localTime(report.generatedAt)}`, { align: 'center' });
  doc.moveDown(0.3);
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(1.5).stroke(RED);
  doc.y = y + 10;
}

function section(doc: PDFKit.PDFDocument, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.x = MARGIN;
  doc.font('zh-bold').fontSize(12).fillColor('black').text(text);
  doc.moveDown(0.4);
}

function subsection(doc: PDFKit.PDFDocument, text: string): void {
  doc.x = MARGIN;
  doc.font('zh-bold').fontSize(10).fillColor('black').text(text);
  doc.moveDown(0.3);
}

function note(doc: PDFKit.PDFDocument, text: string): void {
  doc.x = MARGIN;
  doc.font('zh').fontSize(9).fillColor('black').text(text);
  doc.moveDown(0.6);
}

/** Page numbers on every page, written once all pages exist. */
function footers(doc: PDFKit.PDFDocument, title: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift the margin while writing, or pdfkit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('zh').fontSize(8).fillColor('#666666');
    doc.text(`${title}${GAP}第 ${i + 1} 页 / 共 ${count} 页`, MARGIN, doc.page.height - bottom + 15, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
