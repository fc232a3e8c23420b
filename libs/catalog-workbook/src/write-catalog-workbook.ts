import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { CatalogItemInput } from '#libs/catalog';
import { getPath, writeCell } from './cells.js';
import { type CellKind, type ColumnDef, ITEM_COLUMNS, LIST_SHEETS, NO, SHEETS, YES } from './layout.js';

/** exceljs (some 25 MB resident) is loaded on first use, not at every node's start. */
const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

export interface CatalogWorkbookOptions {
  /** The workbook's title (its document properties). */
  title?: string;
  /** When the workbook was made; fixed for a file kept in the repository, so rewriting it changes nothing. */
  createdAt?: Date;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
/** Rows below the last item that still offer the drop-down lists, for items added by hand. */
const SPARE_ROWS = 50;
const KIND_ZH: Record<CellKind, string> = {
  text: '文本',
  int: '整数',
  bool: `${YES}/${NO}`,
  code: '从代码表中选一项（填中文名称）',
  codes: '代码表中的一项或多项，以“、”分隔',
  lines: '每行一条',
  words: '以“、”分隔',
  date: '日期（如 2025-01-01）',
};

/** The catalog as a workbook in the layout readCatalogWorkbook reads (see layout.ts): what it writes, it reads back the same. */
export function catalogWorkbook(items: readonly CatalogItemInput[], options: CatalogWorkbookOptions = {}): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = 'Tongban 通办';
  wb.title = options.title ?? '统一审批目录 事项清单';
  const at = options.createdAt ?? new Date();
  wb.created = at;
  wb.modified = at;

  const ws = sheet(wb, SHEETS.items, ITEM_COLUMNS);
  for (const item of items) ws.addRow(ITEM_COLUMNS.map((c) => writeCell(getPath(item as unknown as Record<string, unknown>, c.field), c)));
  offerLists(ws, ITEM_COLUMNS, items.length);

  for (const list of LIST_SHEETS) {
    const ls = sheet(wb, list.sheet, list.columns);
    let rows = 0;
    for (const item of items) {
      for (const entry of (item[list.field] ?? []) as unknown as Array<Record<string, unknown>>) {
        ls.addRow(list.columns.map((c) => (c.header === '实施编码' ? item.implementationCode : c.informational ? item.name : writeCell(getPath(entry, c.field), c))));
        rows += 1;
      }
    }
    offerLists(ls, list.columns, rows);
  }
  about(wb);
  return wb;
}

export async function writeCatalogWorkbook(items: readonly CatalogItemInput[], options: CatalogWorkbookOptions = {}): Promise<Buffer> {
  return Buffer.from(await catalogWorkbook(items, options).xlsx.writeBuffer());
}

/** A sheet with a bold, shaded, frozen header and a filter; text columns formatted as text, so Excel keeps 0951-… and 20-digit codes as typed. */
function sheet(wb: ExcelJS.Workbook, name: string, columns: readonly ColumnDef[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: name === SHEETS.items ? 3 : 0 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width,
    style: { ...(c.kind === 'int' ? {} : { numFmt: '@' }), alignment: { vertical: 'top', wrapText: c.kind === 'lines' || c.width >= 30 } },
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell, n) => {
    cell.fill = HEADER_FILL;
    cell.numFmt = 'General';
    const c = columns[n - 1]!;
    cell.note = [c.required && !c.informational ? '必填' : '选填', KIND_ZH[c.kind], c.note].filter(Boolean).join('；');
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** A drop-down of the allowed values on the one-value columns (代码表, 是/否). */
function offerLists(ws: ExcelJS.Worksheet, columns: readonly ColumnDef[], rows: number): void {
  columns.forEach((c, i) => {
    const values = c.kind === 'bool' ? [YES, NO] : c.kind === 'code' ? (c.list ?? []).map((e) => e.zh) : [];
    if (values.length === 0) return;
    for (let r = 2; r <= rows + 1 + SPARE_ROWS; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `请从列表中选择：${values.join('、')}`,
      };
    }
  });
}

/** 说明: every column of every sheet, whether it must be filled and how; not read back. */
function about(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEETS.about);
  ws.columns = [
    { header: '工作表', key: 'sheet', width: 12 },
    { header: '列', key: 'column', width: 26 },
    { header: 'Column', key: 'en', width: 30 },
    { header: '必填', key: 'required', width: 8 },
    { header: '填写方式', key: 'kind', width: 34 },
    { header: '可选值与说明', key: 'note', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((cell) => (cell.fill = HEADER_FILL));
  const all: Array<[string, readonly ColumnDef[]]> = [[SHEETS.items, ITEM_COLUMNS], ...LIST_SHEETS.map((l): [string, readonly ColumnDef[]] => [l.sheet, l.columns])];
  for (const [name, columns] of all) {
    for (const c of columns) {
      const values = c.list ? `可选：${c.list.map((e) => e.zh).join('、')}` : '';
      ws.addRow({ sheet: name, column: c.header, en: c.en, required: c.informational ? '—' : c.required ? YES : NO, kind: KIND_ZH[c.kind], note: [values, c.note].filter(Boolean).join('；') });
    }
  }
  ws.addRow({});
  for (const line of [
    `每个事项在“${SHEETS.items}”表中占一行；申请材料、办理流程、常见问题各在其表中一条一行，以实施编码对应事项，按行的先后排列。`,
    '列按表头名称识别，顺序不限；表头以外的列（如序号）不读取。导入时每个事项按与保存草稿相同的规则校验，所有问题一次列出。',
    'One row per item on 事项; materials, steps and questions one per row on their sheets, keyed by 实施编码 in row order. Columns are found by their header.',
  ]) {
    ws.addRow({ sheet: line });
  }
}
