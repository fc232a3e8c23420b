import {
  CASE_TYPES,
  CHANNELS,
  type CodeEntry,
  DECISION_LEVELS,
  ITEM_KINDS,
  ITEM_STATUSES,
  MATERIAL_FORMS,
  MATERIAL_REQUIREMENTS,
  SERVED_PARTIES,
  SPECIAL_PROCEDURES,
} from '#libs/catalog';

/**
 * The catalog workbook (事项清单): the layout a city keeps its list of matters in. One row per item
 * on 事项; the lists an item has many of (申请材料, 办理流程, 常见问题) each on their own sheet, one
 * row per entry, keyed by the item's 实施编码 and in the order the rows come; 说明 explains every
 * column and is not read back. Columns are found by their header, so their order does not matter.
 */
export const SHEETS = { items: '事项', materials: '申请材料', steps: '办理流程', faq: '常见问题', about: '说明' } as const;
export type SheetName = (typeof SHEETS)[keyof typeof SHEETS];

/**
 * How a cell becomes a value of the item, and back:
 * - `text`: the text, trimmed; a blank cell leaves the field out.
 * - `int`: a number (a text cell holding digits is read as the number).
 * - `bool`: 是 or 否.
 * - `code`: one entry of a code list, by its Chinese label or its code.
 * - `codes`: several entries of a code list, separated by 、 (or a comma, a semicolon, a new line).
 * - `lines`: a list of texts, one per line in the cell.
 * - `words`: a list of short words, separated by 、 (or a comma, a semicolon, a new line).
 * - `date`: an ISO 8601 date (2025-01-01) or date-time, as text; a date cell is read as its date.
 * Anything that does not convert is passed on as it is, for the catalog's validation to name.
 */
export type CellKind = 'text' | 'int' | 'bool' | 'code' | 'codes' | 'lines' | 'words' | 'date';

export interface ColumnDef {
  /** The header text, exactly (a trailing * or spaces are ignored when reading). */
  header: string;
  en: string;
  /** Dotted path of the value in the item (within the entry, on the list sheets). */
  field: string;
  kind: CellKind;
  list?: readonly CodeEntry[];
  /** A column the sheet must have; its cells may still be blank where the catalog allows it. */
  required: boolean;
  width: number;
  /** Read for people only (the item's name beside its code on the list sheets); never imported. */
  informational?: boolean;
  note?: string;
}

const col = (header: string, en: string, field: string, kind: CellKind, width: number, more: Partial<ColumnDef> = {}): ColumnDef => ({
  header,
  en,
  field,
  kind,
  width,
  required: true,
  ...more,
});

/** The key column of every sheet. */
export const CODE_HEADER = '实施编码';

export const ITEM_COLUMNS: readonly ColumnDef[] = [
  col(CODE_HEADER, 'implementation code', 'implementationCode', 'text', 24, { note: '基本编码 + 1 至 14 位数字或大写字母' }),
  col('基本编码', 'basic code', 'basicCode', 'text', 13, { note: '10 位数字：事项类型 2 位 + 主项 5 位 + 子项 3 位' }),
  col('事项名称', 'name', 'name', 'text', 30),
  col('事项类型', 'item kind', 'kindCode', 'code', 12, { list: ITEM_KINDS }),
  col('实施主体', 'department', 'department.name', 'text', 26),
  col('实施主体统一社会信用代码', 'department credit code', 'department.creditCode', 'text', 21),
  col('决定层级', 'decision level', 'decisionLevel', 'code', 12, { list: DECISION_LEVELS }),
  col('受理层级', 'intake levels', 'intakeLevels', 'codes', 22, { list: DECISION_LEVELS }),
  col('办件类型', 'case type', 'caseType', 'code', 9, { list: CASE_TYPES }),
  col('法定办结时限（工作日）', 'legal time limit (working days)', 'legalTimeLimit.days', 'int', 10),
  col('法定时限说明', 'legal time limit note', 'legalTimeLimit.note', 'text', 24, { required: false }),
  col('承诺办结时限（工作日）', 'committed time limit (working days)', 'committedTimeLimit.days', 'int', 10, { note: '即办件为 0，承诺件至少 1，不超过法定时限' }),
  col('承诺时限说明', 'committed time limit note', 'committedTimeLimit.note', 'text', 24, { required: false }),
  col('受理条件', 'conditions', 'conditions', 'lines', 40, { note: '每行一条' }),
  col('设定依据', 'legal basis', 'legalBasis', 'lines', 40, { note: '每行一条（法律法规及条款）' }),
  col('无需申请材料', 'no materials required', 'noMaterialsRequired', 'bool', 10, { required: false, note: '确实无需任何必备材料的填“是”' }),
  col('是否收费', 'charged', 'fee.charged', 'bool', 8),
  col('收费标准', 'fee standard', 'fee.standard', 'text', 24, { required: false, note: '收费事项必填' }),
  col('收费依据', 'fee basis', 'fee.basis', 'text', 24, { required: false, note: '收费事项必填' }),
  col('特别程序', 'special procedures', 'specialProcedures', 'codes', 12, { list: SPECIAL_PROCEDURES, required: false }),
  col('到现场次数', 'most visits in person', 'maxVisits', 'int', 8, { note: '0 至 5；0 即“零跑腿”，须有网上、移动端或快递办理形式' }),
  col('是否网办', 'online', 'onlineAvailable', 'bool', 8),
  col('服务对象', 'served parties', 'servedParties', 'codes', 18, { list: SERVED_PARTIES }),
  col('办理形式', 'channels', 'channels', 'codes', 24, { list: CHANNELS }),
  col('办理地点', 'place', 'place', 'text', 30),
  col('办理时间', 'hours', 'hours', 'text', 26),
  col('咨询电话', 'enquiry phone', 'enquiryPhone', 'text', 14),
  col('监督投诉电话', 'complaint phone', 'complaintPhone', 'text', 14),
  col('关键词', 'keywords', 'keywords', 'words', 22, { required: false, note: '以“、”分隔' }),
  col('事项状态', 'status', 'status', 'code', 8, { list: ITEM_STATUSES, required: false, note: '空白即草稿；发布时由版本设定' }),
  col('生效日期', 'effective from', 'effectiveFrom', 'date', 12, { required: false, note: 'ISO 8601，如 2025-01-01；发布时由版本设定' }),
  col('失效日期', 'effective until', 'effectiveUntil', 'date', 12, { required: false, note: 'ISO 8601，晚于生效日期' }),
];

const NAME_COLUMN = col('事项名称', 'item name', '', 'text', 26, { required: false, informational: true, note: '便于查看，导入时不读取' });
const KEY_COLUMN = col(CODE_HEADER, 'implementation code', '', 'text', 24, { note: '该行所属事项的实施编码，须在“事项”表中' });

export const MATERIAL_COLUMNS: readonly ColumnDef[] = [
  KEY_COLUMN,
  NAME_COLUMN,
  col('材料名称', 'material', 'name', 'text', 30),
  col('出具机构', 'issuer', 'issuer', 'text', 22, { note: '申请人自备的填“申请人”' }),
  col('材料形式', 'forms', 'forms', 'codes', 18, { list: MATERIAL_FORMS }),
  col('原件份数', 'originals', 'originals', 'int', 8, { note: '材料形式含原件的至少 1' }),
  col('复印件份数', 'copies', 'copies', 'int', 8, { note: '材料形式含复印件的至少 1' }),
  col('是否必备', 'requirement', 'requirement', 'code', 12, { list: MATERIAL_REQUIREMENTS }),
  col('备注', 'notes', 'notes', 'text', 36, { required: false, note: '依情形提交的材料须写明何种情形需要提交' }),
];

export const STEP_COLUMNS: readonly ColumnDef[] = [
  KEY_COLUMN,
  NAME_COLUMN,
  col('环节名称', 'step', 'name', 'text', 14),
  col('环节说明', 'description', 'description', 'text', 60, { required: false }),
];

export const FAQ_COLUMNS: readonly ColumnDef[] = [
  KEY_COLUMN,
  NAME_COLUMN,
  col('问题', 'question', 'question', 'text', 36),
  col('解答', 'answer', 'answer', 'text', 70),
];

/** The list sheets: which list of the item each fills. */
export const LIST_SHEETS = [
  { sheet: SHEETS.materials, field: 'materials', columns: MATERIAL_COLUMNS },
  { sheet: SHEETS.steps, field: 'processSteps', columns: STEP_COLUMNS },
  { sheet: SHEETS.faq, field: 'faq', columns: FAQ_COLUMNS },
] as const;

export const YES = '是';
export const NO = '否';
/** What separates the entries of a `codes` or `words` cell. */
export const LIST_SEPARATOR = '、';
export const SPLIT_WORDS = /[、,，;；\n]+/;
