import type { PdfColumn } from './pdf-table.js';

/** A label and its value in a ruled two-column grid (申请人 | 张三). */
export interface PrintField {
  label: string;
  value: string;
  /** Room to write by hand (a signature, a date): the row is drawn taller. */
  tall?: boolean;
  /** A short field: two half fields in a row share one line of the grid. */
  half?: boolean;
}

/** One piece of a printed document, top to bottom. The writer decides the fonts, sizes and spacing. */
export type PrintBlock =
  /** 称谓: the addressee on its own line, flush left (`张三：`). */
  | { kind: 'salutation'; text: string }
  /** 正文: a paragraph with a two-character first-line indent. */
  | { kind: 'paragraph'; text: string }
  /** A short bold heading inside the body (`一、需要补齐的材料`). */
  | { kind: 'heading'; text: string }
  | { kind: 'fields'; rows: PrintField[] }
  | { kind: 'table'; columns: PdfColumn[]; rows: string[][] }
  /** A numbered list (1．…), each item wrapping under its own text. */
  | { kind: 'list'; items: string[] }
  /** Lines to sign on: each label followed by a blank rule. */
  | { kind: 'signatures'; lines: string[] }
  /** Small print (说明). */
  | { kind: 'note'; text: string };

/**
 * A document as it is printed, independent of the PDF: the issuing body's name above the title, the
 * document number, the body, the signing-off (落款) at the bottom right with room for the seal, and
 * the footer on every page. Built by a pure function and drawn by `renderPrintPdf`.
 */
export interface PrintDocument {
  /** 发文机关: the centre that issues it, at the head. */
  issuer: string;
  /** 标题 (受理通知书). */
  title: string;
  /** 文书编号 (SL-<case number>). */
  number: string;
  blocks: PrintBlock[];
  /** 落款: the centre's name and the date (`2026年11月23日`), at the bottom right over the seal. */
  closing: { issuer: string; date: string };
  /** Small lines at the foot of every page (the case number, how to follow the case). */
  footer: string[];
  /** The PDF's subject and creation time (ISO 8601). */
  subject?: string;
  createdAt?: string;
}

/** Every text of a printed document in reading order, one string per line or cell: for tests and searches. */
export function printedText(doc: PrintDocument): string[] {
  const out: string[] = [doc.issuer, doc.title, doc.number];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'fields':
        for (const r of b.rows) out.push(`${r.label}：${r.value}`);
        break;
      case 'table':
        out.push(b.columns.map((c) => c.header).join(' | '));
        for (const r of b.rows) out.push(r.join(' | '));
        break;
      case 'list':
        b.items.forEach((item, i) => out.push(`${i + 1}．${item}`));
        break;
      case 'signatures':
        out.push(...b.lines);
        break;
      default:
        out.push(b.text);
    }
  }
  out.push(doc.closing.issuer, doc.closing.date, ...doc.footer);
  return out;
}

const BEIJING_MS = 8 * 3_600_000;

/** The Beijing date of an instant, or a `YYYY-MM-DD` date as is, written the Chinese way: `2026年11月3日`. */
export function zhDate(value: string): string {
  const ymd = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(new Date(value).getTime() + BEIJING_MS).toISOString().slice(0, 10);
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant in Beijing time: `2026年11月3日 09:05`. */
export function zhDateTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + BEIJING_MS).toISOString();
  return `${zhDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}
