type PdfDoc = PDFKit.PDFDocument;

export interface PdfColumn {
  header: string;
  /** Share of the table's width; the widths are scaled to the page. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface PdfTableStyle {
  font: string;
  boldFont: string;
  fontSize: number;
}

const PAD_X = 3;
const PAD_Y = 3;
const RULE = '#555555';
const HEADER_FILL = '#e8e8e8';

/**
 * A ruled table across the page's text width: a shaded header row, cells that wrap, and a row that
 * does not fit going to a new page with the header drawn again. Leaves `doc.y` under the table.
 */
export function drawTable(doc: PdfDoc, columns: readonly PdfColumn[], rows: ReadonlyArray<readonly string[]>, style: PdfTableStyle): void {
  const left = doc.page.margins.left;
  const total = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const share = columns.reduce((t, c) => t + c.width, 0);
  const widths = columns.map((c) => (c.width / share) * total);
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const heightOf = (cells: readonly string[], font: string): number => {
    doc.font(font).fontSize(style.fontSize);
    return Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: widths[i]! - 2 * PAD_X }))) + 2 * PAD_Y;
  };

  const drawRow = (cells: readonly string[], font: string, fill?: string): void => {
    const h = heightOf(cells, font);
    const y = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      const w = widths[i]!;
      if (fill) doc.rect(x, y, w, h).fillAndStroke(fill, RULE);
      else doc.rect(x, y, w, h).stroke(RULE);
      doc.fillColor('black').font(font).fontSize(style.fontSize).text(text, x + PAD_X, y + PAD_Y, { width: w - 2 * PAD_X, align: columns[i]!.align ?? 'left', lineBreak: true });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };

  const header = columns.map((c) => c.header);
  const drawHeader = () => drawRow(header, style.boldFont, HEADER_FILL);
  doc.lineWidth(0.5);
  if (doc.y + heightOf(header, style.boldFont) + heightOf(rows[0] ?? header, style.font) > bottom()) doc.addPage();
  drawHeader();
  for (const row of rows) {
    if (doc.y + heightOf(row, style.font) > bottom()) {
      doc.addPage();
      drawHeader();
    }
    drawRow(row, style.font);
  }
  doc.moveDown(0.8);
}
