import { drawTable } from './pdf-table.js';
import { FONT, startPdf } from './pdf-document.js';
import type { PrintBlock, PrintDocument, PrintField } from './print-document.js';

type Doc = PDFKit.PDFDocument;

/** A4 margins: GB/T 9704's sides (28 mm left, 26 mm right) and about 25 mm at the head and the foot, where the footer goes. */
const MARGIN = { top: 72, bottom: 72, left: 79, right: 74 } as const;
const BODY = 12;
const SMALL = 10.5;
/** 全角空格: two of them are the first-line indent of a paragraph. */
const CHAR = BODY;
const LINE_GAP = 4;
const RULE = '#555555';
const LABEL_FILL = '#f2f2f2';
const GREY = '#666666';
const SEAL_RADIUS = 40;
/** The room the signing-off takes: the seal's circle and a little air above it. */
const CLOSING_HEIGHT = 2 * SEAL_RADIUS + 16;
/** The label cells of a grid: eight characters wide, on a whole line or on half of one, so that they line up. */
const LABEL = 8 * SMALL + 14;

/**
 * A printed document as an A4 PDF in the layout of a government notice: the issuing centre and the
 * title centred at the head (black: no red head), the document number under a rule, the body, the
 * centre's name and date at the bottom right inside a dashed circle marking where the seal goes,
 * and the footer on every page. Noto Sans SC throughout, embedded as a subset.
 */
export async function renderPrintPdf(printed: PrintDocument): Promise<Buffer> {
  const { doc, finish } = startPdf({
    title: `${printed.title} ${printed.number}`,
    subject: printed.subject ?? printed.title,
    ...(printed.createdAt ? { createdAt: new Date(printed.createdAt) } : {}),
    margins: MARGIN,
  });
  head(doc, printed);
  printed.blocks.forEach((block, i) => {
    // The signing-off never stands alone on a page: the last paragraph goes over with it.
    if (i === printed.blocks.length - 1 && block.kind === 'paragraph') room(doc, paragraphHeight(doc, block.text) + CLOSING_HEIGHT);
    draw(doc, block);
  });
  closing(doc, printed.closing);
  footers(doc, printed.footer);
  return finish();
}

const left = (doc: Doc) => doc.page.margins.left;
const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` more points fit on this one. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function head(doc: Doc, p: PrintDocument): void {
  doc.font(FONT.bold).fontSize(16).fillColor('black').text(p.issuer, left(doc), doc.y, { width: width(doc), align: 'center' });
  doc.moveDown(0.3);
  doc.font(FONT.bold).fontSize(22).text(p.title, { width: width(doc), align: 'center', characterSpacing: 4 });
  doc.moveDown(0.2);
  doc.font(FONT.regular).fontSize(SMALL).text(`文书编号：${p.number}`, { width: width(doc), align: 'right' });
  const y = doc.y + 4;
  doc.moveTo(left(doc), y).lineTo(left(doc) + width(doc), y).lineWidth(1).stroke('black');
  doc.y = y + 10;
}

const PARAGRAPH = (doc: Doc) => ({ width: width(doc), indent: 2 * CHAR, lineGap: LINE_GAP });

function paragraphHeight(doc: Doc, text: string): number {
  doc.font(FONT.regular).fontSize(BODY);
  return doc.heightOfString(text, PARAGRAPH(doc)) + doc.currentLineHeight(true) * 0.4;
}

function draw(doc: Doc, block: PrintBlock): void {
  doc.x = left(doc);
  doc.fillColor('black');
  switch (block.kind) {
    case 'salutation':
      room(doc, 40);
      doc.font(FONT.regular).fontSize(BODY).text(block.text, { width: width(doc), lineGap: LINE_GAP });
      doc.moveDown(0.3);
      break;
    case 'paragraph':
      doc.font(FONT.regular).fontSize(BODY).text(block.text, PARAGRAPH(doc));
      doc.moveDown(0.4);
      break;
    case 'heading':
      room(doc, 60);
      doc.font(FONT.bold).fontSize(BODY).text(block.text, { width: width(doc), lineGap: LINE_GAP });
      doc.moveDown(0.3);
      break;
    case 'fields':
      fields(doc, block.rows);
      break;
    case 'table':
      drawTable(doc, block.columns, block.rows, { font: FONT.regular, boldFont: FONT.bold, fontSize: SMALL });
      doc.y -= 4;
      break;
    case 'list':
      list(doc, block.items);
      break;
    case 'signatures':
      signatures(doc, block.lines);
      break;
    case 'note':
      doc.font(FONT.regular).fontSize(9).fillColor(GREY).text(block.text, { width: width(doc), lineGap: 3 });
      doc.fillColor('black');
      doc.moveDown(0.5);
      break;
  }
}

/**
 * A ruled grid: each label on a light grey ground, its value beside it. Two `half` fields in a row
 * share one line (label, value, label, value); a row that does not fit goes to the next page.
 */
function fields(doc: Doc, rows: readonly PrintField[]): void {
  const total = width(doc);
  const pad = 5;
  const lines: PrintField[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1];
    if (row.half && next?.half) {
      lines.push([row, next]);
      i++;
    } else lines.push([row]);
  }
  doc.lineWidth(0.5);
  for (const line of lines) {
    const cells = line.flatMap((f) => {
      const share = total / line.length;
      return [
        { text: f.label, width: LABEL, label: true },
        { text: f.value, width: share - LABEL, label: false },
      ];
    });
    doc.font(FONT.regular).fontSize(SMALL);
    const textHeight = Math.max(...cells.map((c) => doc.heightOfString(c.text || ' ', { width: c.width - 2 * pad, lineGap: 2 })));
    const h = Math.max(textHeight + 2 * pad, line.some((f) => f.tall) ? 40 : 0);
    room(doc, h);
    const y = doc.y;
    let x = left(doc);
    for (const c of cells) {
      if (c.label) doc.rect(x, y, c.width, h).fillAndStroke(LABEL_FILL, RULE);
      else doc.rect(x, y, c.width, h).stroke(RULE);
      doc.fillColor('black').font(c.label ? FONT.bold : FONT.regular).fontSize(SMALL).text(c.text, x + pad, y + pad, { width: c.width - 2 * pad, lineGap: 2 });
      x += c.width;
    }
    doc.x = left(doc);
    doc.y = y + h;
  }
  doc.moveDown(0.8);
}

function list(doc: Doc, items: readonly string[]): void {
  const hang = 2 * CHAR;
  doc.font(FONT.regular).fontSize(BODY);
  items.forEach((item, i) => {
    const h = doc.heightOfString(item, { width: width(doc) - hang, lineGap: LINE_GAP });
    room(doc, h);
    const y = doc.y;
    doc.text(`${i + 1}．`, left(doc), y, { width: hang, lineGap: LINE_GAP });
    doc.text(item, left(doc) + hang, y, { width: width(doc) - hang, lineGap: LINE_GAP });
    doc.x = left(doc);
  });
  doc.moveDown(0.4);
}

function signatures(doc: Doc, lines: readonly string[]): void {
  doc.font(FONT.regular).fontSize(BODY);
  for (const label of lines) {
    room(doc, 36);
    doc.moveDown(0.8);
    const y = doc.y;
    const x = left(doc) + 2 * CHAR;
    doc.text(label, x, y, { lineBreak: false });
    const from = x + doc.widthOfString(label) + 4;
    doc
      .moveTo(from, y + BODY + 2)
      .lineTo(Math.min(from + 170, left(doc) + width(doc)), y + BODY + 2)
      .lineWidth(0.6)
      .stroke('black');
    doc.x = left(doc);
    doc.y = y + BODY + LINE_GAP;
  }
  doc.moveDown(0.6);
}

/**
 * 落款: the centre's name two characters in from the right, the date centred under it, and the seal's
 * place, a dashed circle over both (盖章骑年盖月) labelled （印章）. Kept whole on one page.
 */
function closing(doc: Doc, c: PrintDocument['closing']): void {
  const r = SEAL_RADIUS;
  room(doc, CLOSING_HEIGHT);
  doc.font(FONT.regular).fontSize(BODY + 1);
  const right = left(doc) + width(doc) - 2 * CHAR;
  const issuerWidth = doc.widthOfString(c.issuer);
  const dateWidth = doc.widthOfString(c.date);
  const centreX = right - Math.max(issuerWidth, dateWidth) / 2;
  const lineHeight = doc.currentLineHeight(true);
  // The circle's top a little under the body; the two lines inside its lower half, the label in its upper.
  const centreY = doc.y + 8 + r;
  const issuerY = centreY - lineHeight / 2 - 2;
  const dateY = issuerY + lineHeight + 6;
  doc.save();
  doc.circle(centreX, centreY, r).lineWidth(0.8).dash(4, { space: 3 }).stroke('#999999');
  doc.restore();
  doc.undash();
  doc.font(FONT.regular).fontSize(9).fillColor('#999999').text('（印章）', centreX - 30, centreY - r + 9, { width: 60, align: 'center', lineBreak: false });
  doc.font(FONT.regular).fontSize(BODY + 1).fillColor('black');
  doc.text(c.issuer, centreX - issuerWidth / 2, issuerY, { lineBreak: false });
  doc.text(c.date, centreX - dateWidth / 2, dateY, { lineBreak: false });
  doc.x = left(doc);
  doc.y = centreY + r + 6;
}

/** The footer lines and the page count on every page, written once all pages exist. */
function footers(doc: Doc, lines: readonly string[]): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift the margin while writing, or pdfkit would start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y0 = doc.page.height - margin + 18;
    doc.moveTo(left(doc), y0 - 6).lineTo(left(doc) + width(doc), y0 - 6).lineWidth(0.5).stroke('#bbbbbb');
    doc.font(FONT.regular).fontSize(8.5).fillColor(GREY);
    const all = [...lines.slice(0, 1).map((l) => (count > 1 ? `${l}\u3000第 ${i + 1} 页 / 共 ${count} 页` : l)), ...lines.slice(1)];
    all.forEach((line, n) => doc.text(line, left(doc), y0 + n * 13, { width: width(doc), align: 'center', lineBreak: false }));
    doc.page.margins.bottom = margin;
  }
  doc.fillColor('black');
}
