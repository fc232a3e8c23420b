import { createRequire } from 'node:module';
import type PDFDocumentClass from 'pdfkit';
import { notoSansSc } from './fonts.js';

/** The names under which every PDF of the node registers Noto Sans SC. */
export const FONT = { regular: 'zh', bold: 'zh-bold' } as const;

export interface PdfInfo {
  title: string;
  subject?: string;
  /** When the content was made (the PDF's CreationDate); now when absent. */
  createdAt?: Date;
  margins: { top: number; bottom: number; left: number; right: number };
}

export interface OpenPdf {
  doc: PDFKit.PDFDocument;
  /** Ends the document and answers its bytes. */
  finish(): Promise<Buffer>;
}

/**
 * A new A4 PDF in Chinese: Noto Sans SC registered as `zh` and `zh-bold` (and the document's first
 * font, so no standard Latin-only font is ever referenced), pages buffered so that footers can be
 * written once all pages exist, the bytes collected in memory.
 */
/** pdfkit (with fontkit, some 25 MB resident) is loaded on the first PDF, not at every node's start. */
let pdfkit: typeof PDFDocumentClass | undefined;
function PDFDocumentCtor(): typeof PDFDocumentClass {
  pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFDocumentClass;
  return pdfkit;
}

export function startPdf(info: PdfInfo): OpenPdf {
  const PDFDocument = PDFDocumentCtor();
  const { regular, bold } = notoSansSc();
  const doc = new PDFDocument({
    size: 'A4',
    margins: info.margins,
    bufferPages: true,
    lang: 'zh-CN',
    info: { Title: info.title, ...(info.subject ? { Subject: info.subject } : {}), Creator: 'Tongban 通办', CreationDate: info.createdAt ?? new Date() },
    font: regular as unknown as string,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(FONT.regular, regular);
  doc.registerFont(FONT.bold, bold);
  return {
    doc,
    finish: async () => {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
