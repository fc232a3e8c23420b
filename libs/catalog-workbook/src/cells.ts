import type ExcelJS from 'exceljs';
import type { CodeEntry } from '#libs/catalog';
import { type ColumnDef, LIST_SEPARATOR, NO, SPLIT_WORDS, YES } from './layout.js';

/** What a cell holds once formulas, rich text and links are looked through. */
export type Plain = string | number | boolean | Date | null;

export function plainValue(v: ExcelJS.CellValue | undefined): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainValue(v.result as ExcelJS.CellValue);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return null;
}

/** A date cell as the ISO date it shows (Excel keeps dates without a zone; exceljs reads them as UTC). */
function isoOf(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

export function textOf(v: Plain): string {
  if (v === null) return '';
  if (v instanceof Date) return isoOf(v);
  if (typeof v === 'boolean') return v ? YES : NO;
  return String(v).trim();
}

function codeOf(text: string, list: readonly CodeEntry[]): string {
  const found = list.find((e) => e.zh === text || e.code === text || e.en.toLowerCase() === text.toLowerCase());
  if (found) return found.code;
  // A code typed into a number cell loses its leading zero (01 → 1).
  const padded = list.find((e) => /^\d+$/.test(text) && e.code.length > text.length && e.code === text.padStart(e.code.length, '0'));
  return padded?.code ?? text;
}

const BOOLEANS: Record<string, boolean> = { 是: true, 否: false, y: true, n: false, yes: true, no: false, true: true, false: false };

/**
 * The value a cell gives the item, or undefined for a blank cell (lists: an empty list). What does
 * not convert is passed on as it is, so that the catalog's validation names the problem.
 */
export function readCell(v: Plain, def: ColumnDef): unknown {
  const text = textOf(v);
  switch (def.kind) {
    case 'text':
    case 'date':
      return text === '' ? undefined : text;
    case 'int':
      if (typeof v === 'number') return v;
      if (text === '') return undefined;
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (text === '') return undefined;
      return BOOLEANS[text.toLowerCase()] ?? text;
    case 'code':
      return text === '' ? undefined : codeOf(text, def.list ?? []);
    case 'codes':
      return splitWords(text).map((t) => codeOf(t, def.list ?? []));
    case 'words':
      return splitWords(text);
    case 'lines':
      return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
  }
}

function splitWords(text: string): string[] {
  return text
    .split(SPLIT_WORDS)
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

const labelOf = (code: unknown, list: readonly CodeEntry[] = []): string => list.find((e) => e.code === code)?.zh ?? String(code);

/** The cell an item's value is written as; null leaves it blank. */
export function writeCell(value: unknown, def: ColumnDef): string | number | null {
  if (value === undefined || value === null) return null;
  switch (def.kind) {
    case 'int':
      return typeof value === 'number' ? value : String(value);
    case 'bool':
      return value === true ? YES : value === false ? NO : String(value);
    case 'code':
      return labelOf(value, def.list);
    case 'codes':
      return Array.isArray(value) ? value.map((c) => labelOf(c, def.list)).join(LIST_SEPARATOR) : String(value);
    case 'words':
      return Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
    case 'lines':
      return Array.isArray(value) ? value.join('\n') : String(value);
    default:
      return String(value);
  }
}

/** A header as typed: spaces gone, ASCII brackets as full-width ones, a trailing * (required) dropped. */
export function normalHeader(v: Plain): string {
  return textOf(v).replace(/\s+/g, '').replaceAll('(', '（').replaceAll(')', '）').replace(/[*＊]+$/, '');
}

export function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split('.');
  let at = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
}

/** A (1-based) column number as Excel's letters: 1 → A, 28 → AB. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
