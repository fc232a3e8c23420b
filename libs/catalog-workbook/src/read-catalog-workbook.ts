import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { type CatalogItemInput, validateCatalogItem } from '#libs/catalog';
import type { FieldProblem } from '#libs/domain';
import { columnLetter, normalHeader, plainValue, readCell, setPath, textOf } from './cells.js';
import { CODE_HEADER, type ColumnDef, ITEM_COLUMNS, LIST_SHEETS, SHEETS } from './layout.js';

/** exceljs (some 25 MB resident) is loaded on first use, not at every node's start. */
const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

/** One thing wrong with the workbook: where (sheet, row, column, cell), which item and field, which rule. */
export interface WorkbookProblem {
  sheet: string;
  /** Excel's row number (the header is row 1); null for the sheet as a whole. */
  row: number | null;
  /** The column's header; null for the row as a whole. */
  column: string | null;
  /** The cell's address (K12) when the column is in the sheet. */
  cell: string | null;
  /** The item's 实施编码, when the row names one. */
  code: string | null;
  /** The item's field, as the catalog's validation names it (`materials[2].copies`); '' for the workbook's layout. */
  field: string;
  rule: string;
  message: string;
  messageEn: string;
}

export interface ParsedCatalog {
  /** Every item the 事项 sheet lists, with its materials, steps and questions, in row order. */
  items: CatalogItemInput[];
  /** Every problem at once; the items are fit to be saved only when there is none. */
  problems: WorkbookProblem[];
}

/** Past this many rows on a sheet the workbook is refused (a city's list has hundreds of items). */
export const MAX_ROWS = 20_000;

interface Columns {
  /** Column number by header, for the columns the sheet has. */
  at: Map<string, number>;
  /** Required headers the sheet lacks: reported once, and their cells not again on every row. */
  missing: Set<string>;
}

interface ItemRows {
  row: number;
  code: string;
  materials: number[];
  processSteps: number[];
  faq: number[];
}

/** The workbook as bytes (.xlsx): read, then parsed. A file that is not a workbook is one problem. */
export async function readCatalogWorkbook(bytes: Uint8Array): Promise<ParsedCatalog> {
  const wb = new (excel().Workbook)();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      items: [],
      problems: [
        sheetProblem('', 'xlsxReadable', '无法读取该文件：请上传 Excel 工作簿（.xlsx 格式）', 'the file could not be read: upload an Excel workbook (.xlsx)'),
      ],
    };
  }
  return parseCatalogWorkbook(wb);
}

/**
 * The catalog a workbook lists (the layout is in layout.ts and docs/catalog.md). Each row becomes an
 * item and goes through the catalog's own validation, the same the draft API applies; its problems
 * are placed back on the sheet, row and column the value came from. Every problem is reported,
 * none stops the reading of the rest.
 */
export function parseCatalogWorkbook(wb: ExcelJS.Workbook): ParsedCatalog {
  const problems: WorkbookProblem[] = [];
  const itemSheet = wb.getWorksheet(SHEETS.items);
  if (!itemSheet) {
    return { items: [], problems: [sheetProblem(SHEETS.items, 'sheetPresent', `工作簿缺少工作表“${SHEETS.items}”`, `the workbook has no sheet named ${SHEETS.items} (items)`)] };
  }
  const columns = new Map<string, Columns>();
  const itemCols = headerOf(itemSheet, ITEM_COLUMNS, problems);
  columns.set(SHEETS.items, itemCols);

  // 事项: one item per row.
  const items: Array<{ item: Record<string, unknown>; rows: ItemRows }> = [];
  const byCode = new Map<string, (typeof items)[number]>();
  forEachRow(itemSheet, ITEM_COLUMNS, itemCols, problems, (row, cells) => {
    const item: Record<string, unknown> = {};
    for (const def of ITEM_COLUMNS) {
      const at = itemCols.at.get(def.header);
      const v = at === undefined ? null : cells(at);
      if (at !== undefined) checkExact(v, def, SHEETS.items, row, at, problems);
      setPath(item, def.field, at === undefined && isList(def) ? [] : readCell(v, def));
    }
    for (const limit of ['legalTimeLimit', 'committedTimeLimit']) item[limit] = { ...(item[limit] as object), unit: 'working-day' };
    item.status ??= 'draft';
    const code = typeof item.implementationCode === 'string' ? item.implementationCode : '';
    const first = code ? byCode.get(code) : undefined;
    if (first) {
      problems.push(at(SHEETS.items, row, CODE_HEADER, itemCols, code, 'implementationCode', 'uniqueImplementationCode', `实施编码 ${code} 已在第 ${first.rows.row} 行出现`, `implementation code ${code} is already on row ${first.rows.row}`));
      return;
    }
    const entry = { item, rows: { row, code, materials: [], processSteps: [], faq: [] } };
    items.push(entry);
    if (code) byCode.set(code, entry);
  });
  if (items.length === 0 && problems.length === 0) {
    problems.push(sheetProblem(SHEETS.items, 'hasItems', `工作表“${SHEETS.items}”中没有事项`, `sheet ${SHEETS.items} lists no item`));
  }

  // 申请材料, 办理流程, 常见问题: one entry per row, keyed by the item's code, in row order.
  for (const list of LIST_SHEETS) {
    for (const { item } of items) item[list.field] = [];
    const ws = wb.getWorksheet(list.sheet);
    if (!ws) continue;
    const cols = headerOf(ws, list.columns, problems);
    columns.set(list.sheet, cols);
    const keyAt = cols.at.get(CODE_HEADER);
    if (keyAt === undefined) continue;
    forEachRow(ws, list.columns, cols, problems, (row, cells) => {
      const code = textOf(cells(keyAt));
      const owner = byCode.get(code);
      if (!owner) {
        problems.push(
          code === ''
            ? at(list.sheet, row, CODE_HEADER, cols, null, 'implementationCode', 'isDefined', '实施编码必须填写：该行属于哪个事项', 'implementationCode is required: which item the row belongs to')
            : at(list.sheet, row, CODE_HEADER, cols, code, 'implementationCode', 'itemListed', `实施编码 ${code} 不在工作表“${SHEETS.items}”中`, `implementation code ${code} is not on sheet ${SHEETS.items}`),
        );
        return;
      }
      const entry: Record<string, unknown> = {};
      for (const def of list.columns) {
        const c = cols.at.get(def.header);
        if (def.field === '' || c === undefined) continue;
        checkExact(cells(c), def, list.sheet, row, c, problems);
        setPath(entry, def.field, readCell(cells(c), def));
      }
      (owner.item[list.field] as unknown[]).push(entry);
      owner.rows[list.field].push(row);
    });
  }

  // The catalog's own rules, each problem placed where its value came from.
  for (const { item, rows } of items) {
    for (const p of validateCatalogItem(item)) {
      const placed = place(p, rows, columns);
      if (placed) problems.push(placed);
    }
  }
  return { items: items.map((i) => i.item as unknown as CatalogItemInput), problems: inSheetOrder(problems, columns) };
}

/** Problems as a person goes through the workbook: sheet by sheet, row by row, left to right. */
function inSheetOrder(problems: WorkbookProblem[], columns: Map<string, Columns>): WorkbookProblem[] {
  const sheets: string[] = ['', SHEETS.items, ...LIST_SHEETS.map((l) => l.sheet)];
  const key = (p: WorkbookProblem): number[] => [sheets.indexOf(p.sheet), p.row ?? 0, (p.column === null ? undefined : columns.get(p.sheet)?.at.get(p.column)) ?? 0];
  return problems
    .map((p, i) => ({ p, k: [...key(p), i] }))
    .sort((a, b) => a.k.reduce((d, v, j) => d || v - b.k[j]!, 0))
    .map(({ p }) => p);
}

const isList = (def: ColumnDef): boolean => def.kind === 'codes' || def.kind === 'lines' || def.kind === 'words';

function headerOf(ws: ExcelJS.Worksheet, defs: readonly ColumnDef[], problems: WorkbookProblem[]): Columns {
  const known = new Map(defs.map((d) => [normalHeader(d.header), d.header]));
  const at = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => {
    const header = known.get(normalHeader(plainValue(cell.value)));
    if (!header) return; // a column of the city's own (序号, 备注 of its office) is left alone
    if (at.has(header)) {
      problems.push({ ...sheetProblem(ws.name, 'uniqueColumn', `工作表“${ws.name}”中列“${header}”出现了两次`, `sheet ${ws.name} has column ${header} twice`), row: 1, column: header, cell: `${columnLetter(n)}1` });
      return;
    }
    at.set(header, n);
  });
  const missing = new Set(defs.filter((d) => d.required && !at.has(d.header)).map((d) => d.header));
  for (const header of missing) {
    problems.push({ ...sheetProblem(ws.name, 'columnPresent', `工作表“${ws.name}”缺少列“${header}”`, `sheet ${ws.name} has no column ${header}`), row: 1, column: header });
  }
  return { at, missing };
}

/** Each row below the header with anything in the sheet's known columns. */
function forEachRow(ws: ExcelJS.Worksheet, defs: readonly ColumnDef[], cols: Columns, problems: WorkbookProblem[], each: (row: number, cells: (col: number) => ReturnType<typeof plainValue>) => void): void {
  if (ws.rowCount > MAX_ROWS) {
    problems.push(sheetProblem(ws.name, 'maxRows', `工作表“${ws.name}”超过 ${MAX_ROWS} 行`, `sheet ${ws.name} has more than ${MAX_ROWS} rows`));
    return;
  }
  const read = defs.filter((d) => !d.informational).flatMap((d) => cols.at.get(d.header) ?? []);
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells = (c: number) => plainValue(row.getCell(c).value);
    if (read.every((c) => textOf(cells(c)) === '')) return;
    each(n, cells);
  });
}

/** A long number typed into a text column (a 20-digit code) has already lost digits in Excel. */
function checkExact(v: ReturnType<typeof plainValue>, def: ColumnDef, sheet: string, row: number, c: number, problems: WorkbookProblem[]): void {
  if (def.kind !== 'text' || typeof v !== 'number' || Number.isSafeInteger(v)) return;
  problems.push({
    sheet,
    row,
    column: def.header,
    cell: `${columnLetter(c)}${row}`,
    code: null,
    field: def.field,
    rule: 'exactNumber',
    message: `${def.header}是过长的数字，Excel 已丢失其末几位：请把该列设为文本格式后重新填写`,
    messageEn: `${def.header} is a number too long for Excel, which has lost its last digits: format the column as text and type it again`,
  });
}

function sheetProblem(sheet: string, rule: string, message: string, messageEn: string): WorkbookProblem {
  return { sheet, row: null, column: null, cell: null, code: null, field: '', rule, message, messageEn };
}

function at(sheet: string, row: number, header: string | null, cols: Columns, code: string | null, field: string, rule: string, message: string, messageEn: string): WorkbookProblem {
  const c = header === null ? undefined : cols.at.get(header);
  return { sheet, row, column: header, cell: c === undefined ? null : `${columnLetter(c)}${row}`, code, field, rule, message, messageEn };
}

/** The column a field's value is read from: the field itself, or the first column of a group (`fee` → 是否收费). */
function columnFor(defs: readonly ColumnDef[], field: string): ColumnDef | undefined {
  const bare = field.replace(/\[\d+\].*$/, '');
  return defs.find((d) => d.field === bare) ?? defs.find((d) => d.field.startsWith(`${bare.split('.')[0]}.`));
}

/**
 * A validation problem on the sheet, row and column it came from; undefined when it only repeats a
 * missing column that is reported once already.
 */
function place(p: FieldProblem, rows: ItemRows, columns: Map<string, Columns>): WorkbookProblem | undefined {
  const code = rows.code || null;
  const entry = /^(materials|processSteps|faq)\[(\d+)\](?:\.(.+))?$/.exec(p.field);
  if (entry) {
    const list = LIST_SHEETS.find((l) => l.field === entry[1])!;
    const cols = columns.get(list.sheet)!;
    const def = entry[3] === undefined ? undefined : columnFor(list.columns, entry[3]);
    if (def && cols.missing.has(def.header)) return undefined;
    return at(list.sheet, rows[list.field][Number(entry[2])]!, def?.header ?? null, cols, code, p.field, p.rule, p.message, p.messageEn);
  }
  const cols = columns.get(SHEETS.items)!;
  const def = p.field === '' ? undefined : columnFor(ITEM_COLUMNS, p.field);
  if (def && cols.missing.has(def.header)) return undefined;
  const list = LIST_SHEETS.find((l) => l.field === p.field);
  // A problem with a whole list (no material is required; no step at all) belongs to the item's row.
  const message = list ? `${p.message}（见工作表“${list.sheet}”）` : p.message;
  return at(SHEETS.items, rows.row, def?.header ?? null, cols, code, p.field, p.rule, message, p.messageEn);
}
