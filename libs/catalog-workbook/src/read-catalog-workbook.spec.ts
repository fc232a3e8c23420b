import ExcelJS from 'exceljs';
import { type CatalogItemInput, makeCatalogItem, makeMaterial, validateCatalogItem } from '#libs/catalog';
import { ITEM_COLUMNS, SHEETS } from './layout.js';
import { parseCatalogWorkbook, readCatalogWorkbook, type WorkbookProblem } from './read-catalog-workbook.js';
import { catalogWorkbook, writeCatalogWorkbook } from './write-catalog-workbook.js';

/** Three valid items that between them use every column: a charged one, one with no materials, an instant one. */
const CHARGED = makeCatalogItem({
  basicCode: '0101005000',
  implementationCode: '01010050004640100001',
  name: '道路运输经营许可',
  fee: { charged: true, standard: '每证 10 元', basis: '《宁夏回族自治区行政事业性收费目录》' },
  legalTimeLimit: { days: 20, unit: 'working-day', note: '现场核查时间不计入' },
  committedTimeLimit: { days: 10, unit: 'working-day', note: '承诺提速一半' },
  effectiveUntil: '2030-12-31',
});
const NO_MATERIALS = makeCatalogItem({
  basicCode: '2001006000',
  implementationCode: '20010060003640100001',
  name: '政策咨询',
  kindCode: '20',
  decisionLevel: 'city',
  intakeLevels: ['township', 'county', 'city'],
  caseType: '1',
  committedTimeLimit: { days: 0, unit: 'working-day' },
  materials: [],
  noMaterialsRequired: true,
  specialProcedures: [],
  maxVisits: 0,
  channels: ['1', '2', '3', '4'],
  faq: [],
  keywords: [],
});
const ITEMS: CatalogItemInput[] = [makeCatalogItem(), CHARGED, NO_MATERIALS];

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back;
}

/** The workbook of ITEMS, written and read back as bytes (as an upload arrives), for a test to change. */
const workbookOf = async (items: readonly CatalogItemInput[] = ITEMS): Promise<ExcelJS.Workbook> => reload(catalogWorkbook(items));

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  let at = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) at = n;
  });
  if (!at) throw new Error(`no column ${header} on ${ws.name}`);
  return at;
}

function set(wb: ExcelJS.Workbook, sheet: string, row: number, header: string, value: ExcelJS.CellValue): void {
  const ws = wb.getWorksheet(sheet)!;
  ws.getCell(row, columnOf(ws, header)).value = value;
}

const where = (p: WorkbookProblem) => ({ sheet: p.sheet, row: p.row, column: p.column, rule: p.rule });

describe('reading a catalog workbook', () => {
  it('reads back every field of the items it wrote, with no problem', async () => {
    const { items, problems } = await readCatalogWorkbook(await writeCatalogWorkbook(ITEMS));
    expect(problems).toEqual([]);
    expect(items).toEqual(ITEMS);
  });

  it('lays the catalog out as a city keeps it: items one per row, the lists on their own sheets, and a sheet explaining the columns', async () => {
    const wb = await workbookOf();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['事项', '申请材料', '办理流程', '常见问题', '说明']);
    const items = wb.getWorksheet('事项')!;
    expect(items.getRow(1).getCell(1).value).toBe('实施编码');
    expect(items.getCell(2, columnOf(items, '事项类型')).value).toBe('行政许可');
    expect(items.getCell(2, columnOf(items, '受理层级')).value).toBe('乡镇（街道）、县（区）');
    expect(items.getCell(3, columnOf(items, '是否收费')).value).toBe('是');
    const materials = wb.getWorksheet('申请材料')!;
    expect(materials.actualRowCount).toBe(1 + 3 + 3);
    expect(materials.getRow(4).values).toEqual([undefined, '01010040004640100001', '食品经营许可', '授权委托书', '申请人', '原件', 1, 0, '依情形提交', '委托他人办理的提交']);
    const about = wb.getWorksheet('说明')!;
    expect(about.rowCount).toBeGreaterThan(ITEM_COLUMNS.length);
  });

  it('reads a list as people type it: headers in any order with ASCII brackets, codes or labels, digits as numbers, extra columns, blank status as a draft', async () => {
    const wb = new ExcelJS.Workbook();
    const item = makeCatalogItem({ status: 'draft', effectiveFrom: undefined, faq: [], processSteps: [{ name: '受理' }] });
    const headers = ['序号', ...ITEM_COLUMNS.map((c) => c.header.replace('（', '(').replace('）', ')'))].reverse();
    const ws = wb.addWorksheet('事项');
    ws.addRow(headers);
    const value: Record<string, ExcelJS.CellValue> = {
      序号: 1,
      实施编码: item.implementationCode,
      基本编码: item.basicCode,
      事项名称: `  ${item.name} `,
      事项类型: 1, // "01" typed into a number cell
      实施主体: item.department.name,
      实施主体统一社会信用代码: item.department.creditCode,
      决定层级: 'county',
      受理层级: '乡镇（街道），县（区）',
      办件类型: '承诺件',
      '法定办结时限(工作日)': '10',
      '承诺办结时限(工作日)': 5,
      受理条件: { richText: [{ text: item.conditions[0]! }] },
      设定依据: item.legalBasis.join('\n'),
      是否收费: '否',
      特别程序: '延长审批',
      到现场次数: { formula: '0+1', result: 1 },
      是否网办: true,
      服务对象: '自然人; 企业法人',
      办理形式: '窗口办理、网上办理',
      办理地点: item.place,
      办理时间: item.hours,
      咨询电话: item.enquiryPhone,
      监督投诉电话: 12315,
      关键词: '餐饮，食品',
    };
    ws.addRow(headers.map((h) => value[h] ?? null));
    const steps = wb.addWorksheet('办理流程');
    steps.addRow(['实施编码', '环节名称']);
    steps.addRow([item.implementationCode, '受理']);
    const materials = wb.addWorksheet('申请材料');
    materials.addRow(['实施编码', '材料名称', '出具机构', '材料形式', '原件份数', '复印件份数', '是否必备', '备注']);
    for (const m of item.materials) {
      materials.addRow([item.implementationCode, m.name, m.issuer, m.forms.map((f) => ({ original: '原件', copy: '复印件', electronic: '电子件' })[f]).join('、'), m.originals, m.copies, m.requirement === 'required' ? '必备' : '依情形提交', m.notes ?? null]);
    }
    materials.addRow([null, null, null, null, null, null, null, null]);

    const { items, problems } = parseCatalogWorkbook(await reload(wb));
    expect(problems).toEqual([]);
    expect(items).toEqual([item]);
  });

  it('names the sheet, row, column and cell of a value the catalog refuses, with the catalog\'s own rule and wording', async () => {
    const wb = await workbookOf();
    set(wb, SHEETS.items, 3, '承诺办结时限（工作日）', 30);
    const { problems } = parseCatalogWorkbook(wb);
    const refused = validateCatalogItem({ ...CHARGED, committedTimeLimit: { days: 30, unit: 'working-day', note: '承诺提速一半' } });
    expect(refused).toHaveLength(1);
    expect(problems).toEqual([
      {
        sheet: '事项',
        row: 3,
        column: '承诺办结时限（工作日）',
        cell: `${String.fromCharCode(64 + columnOf(wb.getWorksheet('事项')!, '承诺办结时限（工作日）'))}3`,
        code: CHARGED.implementationCode,
        field: 'committedTimeLimit.days',
        rule: 'committedWithinLegal',
        message: refused[0]!.message,
        messageEn: refused[0]!.messageEn,
      },
    ]);
  });

  it('places a problem of a material, a step or a question on its own sheet and row', async () => {
    const wb = await workbookOf();
    set(wb, SHEETS.materials, 3, '复印件份数', 0); // 营业执照 of the first item: a copy, 0 copies
    set(wb, SHEETS.steps, 6, '环节名称', '   '); // the second item's second step
    set(wb, SHEETS.faq, 3, '解答', null); // the second item's question
    const { problems } = parseCatalogWorkbook(wb);
    expect(problems.map((p) => ({ ...where(p), field: p.field, code: p.code }))).toEqual([
      { sheet: '申请材料', row: 3, column: '复印件份数', rule: 'copiesMatchForm', field: 'materials[1].copies', code: ITEMS[0]!.implementationCode },
      { sheet: '办理流程', row: 6, column: '环节名称', rule: 'isDefined', field: 'processSteps[1].name', code: CHARGED.implementationCode },
      { sheet: '常见问题', row: 3, column: '解答', rule: 'isDefined', field: 'faq[0].answer', code: CHARGED.implementationCode },
    ]);
  });

  it('passes a value that does not convert on to the catalog\'s rules: an unknown label, a word for a number, a yes that is not 是 or 否', async () => {
    const wb = await workbookOf();
    set(wb, SHEETS.items, 2, '事项类型', '行政审批');
    set(wb, SHEETS.items, 2, '到现场次数', '一次');
    set(wb, SHEETS.items, 2, '是否网办', '可以');
    set(wb, SHEETS.items, 2, '服务对象', '自然人、外国人');
    const { problems } = parseCatalogWorkbook(wb);
    expect(problems.map((p) => [p.column, p.field, p.rule])).toEqual(
      expect.arrayContaining([
        ['事项类型', 'kindCode', 'isIn'],
        ['到现场次数', 'maxVisits', 'isInt'],
        ['是否网办', 'onlineAvailable', 'isBoolean'],
        ['服务对象', 'servedParties', 'isIn'],
      ]),
    );
    expect(problems.every((p) => p.row === 2 && p.sheet === '事项')).toBe(true);
  });

  it('refuses a long code typed as a number (Excel has already lost its last digits)', async () => {
    const wb = await workbookOf();
    set(wb, SHEETS.items, 4, '实施编码', Number(NO_MATERIALS.implementationCode)); // 20010060003640100000 in Excel
    const { problems } = parseCatalogWorkbook(wb);
    expect(problems.map(where)).toContainEqual({ sheet: '事项', row: 4, column: '实施编码', rule: 'exactNumber' });
  });

  it('reports a missing column once, not again on every row, and a column given twice', async () => {
    const wb = await workbookOf();
    const ws = wb.getWorksheet(SHEETS.items)!;
    ws.spliceColumns(columnOf(ws, '办理地点'), 1);
    ws.getCell(1, ws.columnCount + 1).value = '办理时间';
    const { problems } = parseCatalogWorkbook(wb);
    expect(problems.map(where)).toEqual([
      { sheet: '事项', row: 1, column: '办理地点', rule: 'columnPresent' },
      { sheet: '事项', row: 1, column: '办理时间', rule: 'uniqueColumn' },
    ]);
  });

  it('refuses an item listed twice, and a list row whose item is not listed or not named', async () => {
    const wb = await workbookOf();
    const ws = wb.getWorksheet(SHEETS.items)!;
    ws.getRow(5).values = ws.getRow(2).values;
    set(wb, SHEETS.materials, 2, '实施编码', '99999999999640100001');
    set(wb, SHEETS.steps, 2, '实施编码', null);
    const { problems } = parseCatalogWorkbook(wb);
    expect(problems.map(where)).toEqual([
      { sheet: '事项', row: 5, column: '实施编码', rule: 'uniqueImplementationCode' },
      { sheet: '申请材料', row: 2, column: '实施编码', rule: 'itemListed' },
      { sheet: '办理流程', row: 2, column: '实施编码', rule: 'isDefined' },
    ]);
  });

  it('puts a problem with a whole list (no required material) on the item\'s row, pointing to the list\'s sheet', async () => {
    const wb = await workbookOf([makeCatalogItem({ materials: [makeMaterial({ requirement: 'conditional', notes: '有代理人的' })] })]);
    const { problems } = parseCatalogWorkbook(wb);
    expect(problems).toMatchObject([{ sheet: '事项', row: 2, column: null, cell: null, field: 'materials', rule: 'requiredMaterialPresent' }]);
    expect(problems[0]!.message).toContain('见工作表“申请材料”');
  });

  it('refuses a file that is not a workbook, a workbook without the 事项 sheet, and one without items', async () => {
    expect((await readCatalogWorkbook(Buffer.from('code,name\n1,2\n'))).problems.map(where)).toEqual([{ sheet: '', row: null, column: null, rule: 'xlsxReadable' }]);
    const noSheet = new ExcelJS.Workbook();
    noSheet.addWorksheet('Sheet1');
    expect(parseCatalogWorkbook(noSheet).problems.map(where)).toEqual([{ sheet: '事项', row: null, column: null, rule: 'sheetPresent' }]);
    expect(parseCatalogWorkbook(await workbookOf([])).problems.map(where)).toEqual([{ sheet: '事项', row: null, column: null, rule: 'hasItems' }]);
  });

  it('reports every problem of every row and sheet at once, and still reads the items', async () => {
    const wb = await workbookOf();
    set(wb, SHEETS.items, 2, '事项名称', null);
    set(wb, SHEETS.items, 2, '咨询电话', '电话');
    set(wb, SHEETS.items, 3, '收费标准', null);
    set(wb, SHEETS.items, 3, '决定层级', '乡镇（街道）'); // below its intake at the county
    set(wb, SHEETS.items, 4, '是否网办', '否'); // yet offered online
    set(wb, SHEETS.materials, 2, '是否必备', '可选');
    set(wb, SHEETS.faq, 2, '问题', '');
    const { items, problems } = parseCatalogWorkbook(wb);
    expect(items).toHaveLength(3);
    expect(problems.map((p) => [p.sheet, p.row, p.column, p.rule])).toEqual([
      ['事项', 2, '事项名称', 'isDefined'],
      ['事项', 2, '咨询电话', 'isPhoneNumber'],
      ['事项', 3, '受理层级', 'intakeNotAboveDecision'],
      ['事项', 3, '收费标准', 'feeStandardRequired'],
      ['事项', 4, '是否网办', 'onlineMatchesChannels'],
      ['申请材料', 2, '是否必备', 'isIn'],
      ['常见问题', 2, '问题', 'isDefined'],
    ]);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    for (const p of problems) expect(p.messageEn).toMatch(/[a-z]/);
  });
});
