import type ExcelJS from 'exceljs';
import request from 'supertest';
import { makeCatalogItem } from '#libs/catalog';
import { catalogWorkbook, loadDemoCatalog, readCatalogWorkbook, SHEETS, type WorkbookProblem } from '#libs/catalog-workbook';
import { XLSX_MEDIA_TYPE } from '#libs/node-kit';
import { bearer, DEMO_ENV, type Session, signIn } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const XINGQING = '640104000000';
/** The demo city's catalog, which it publishes as version 1 (topology/demo-catalog.xlsx). */
const demo = await loadDemoCatalog();

const newItem = (n: number) =>
  makeCatalogItem({ basicCode: `010888${n}000`, implementationCode: `010888${n}0004640100001`, name: `导入测试许可事项${n}`, keywords: ['导入测试'], status: 'draft', effectiveFrom: undefined });

/** A supertest parser that keeps a binary answer (the workbook) as bytes. */
function bytes(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function xlsx(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function header(ws: ExcelJS.Worksheet, name: string): number {
  let at = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === name) at = n;
  });
  return at;
}

describe('the catalog as a workbook: import as drafts, export the published catalog, round trip', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: XINGQING, tier: 'county', parent: CITY },
    ],
    DEMO_ENV,
  );
  let editor: Session;
  let auditor: Session;
  let coordinator: Session;

  const importing = (body: Buffer, who: Session = editor, type = XLSX_MEDIA_TYPE) => request(net.url(CITY)).post('/catalog/drafts/import').set(bearer(who)).set('content-type', type).send(body);
  const exporting = (who: Session = editor) => request(net.url(CITY)).get('/catalog/export.xlsx').set(bearer(who)).buffer(true).parse(bytes);
  const drafts = async () => (await request(net.url(CITY)).get('/catalog/drafts').set(bearer(editor)).expect(200)).body as Array<{ code: string; name: string }>;
  const history = async () => (await request(net.url(CITY)).get('/catalog/history').query({ limit: 500 }).set(bearer(editor)).expect(200)).body as Array<{ action: string; code: string | null; details: Record<string, unknown> }>;

  beforeAll(async () => {
    await net.init();
    await net.start();
    [editor, auditor, coordinator] = await Promise.all([signIn(net.url(CITY), 'catalog'), signIn(net.url(CITY), 'auditor'), signIn(net.url(CITY), 'coordinator')]);
    // The demo city publishes its demo catalog (topology/demo-catalog.xlsx) as version 1 at its first start.
    await eventually(async () => (await request(net.url(CITY)).get('/catalog/versions').set(bearer(editor))).body as unknown[], (v) => Array.isArray(v) && v.length >= 1, 60000);
  });

  afterAll(async () => {
    await net.stop();
  });

  it('exports the published demo catalog, which imports back unchanged: no draft made', async () => {
    const res = await exporting().expect(200);
    expect(res.headers['content-type']).toContain(XLSX_MEDIA_TYPE);
    expect(res.headers['content-disposition']).toBe('attachment; filename="catalog-v1.xlsx"');
    const read = await readCatalogWorkbook(res.body as Buffer);
    expect(read.problems).toEqual([]);
    expect(read.items.map((i) => i.implementationCode).sort()).toEqual(demo.map((i) => i.implementationCode).sort());
    expect(read.items.every((i) => i.status === 'active' && /^\d{4}-\d{2}-\d{2}T/.test(i.effectiveFrom ?? ''))).toBe(true);

    const again = await importing(res.body as Buffer).expect(200);
    expect(again.body).toMatchObject({ total: demo.length, createdCount: 0, updatedCount: 0, unchangedCount: demo.length, created: [], updated: [] });
    expect(await drafts()).toEqual([]);
  });

  it('refuses a workbook with problems, listing every one with its sheet, row, column and cell, and changes nothing', async () => {
    const logBefore = (await history()).length;
    const wb = catalogWorkbook([newItem(1), newItem(2), { ...demo[0]!, name: `${demo[0]!.name}（改）` }]);
    const items = wb.getWorksheet(SHEETS.items)!;
    items.getCell(2, header(items, '承诺办结时限（工作日）')).value = 99; // above the legal 10
    items.getCell(3, header(items, '咨询电话')).value = '打电话';
    items.getCell(3, header(items, '办件类型')).value = '特急件';
    const materials = wb.getWorksheet(SHEETS.materials)!;
    materials.getCell(2, header(materials, '复印件份数')).value = 2; // an original only
    materials.addRow(['99999999999640100001', '', '多余的材料', '申请人', '原件', 1, 0, '必备']);

    const res = await importing(await xlsx(wb)).expect(400);
    expect(res.body).toMatchObject({ code: 'CATALOG_IMPORT_INVALID', problemCount: 5, truncated: false, message: expect.stringContaining('5 处问题'), messageEn: expect.stringContaining('5 problem') });
    const problems = res.body.problems as WorkbookProblem[];
    expect(problems.map((p) => [p.sheet, p.row, p.column, p.field, p.rule])).toEqual([
      ['事项', 2, '承诺办结时限（工作日）', 'committedTimeLimit.days', 'committedWithinLegal'],
      ['事项', 3, '办件类型', 'caseType', 'isIn'],
      ['事项', 3, '咨询电话', 'enquiryPhone', 'isPhoneNumber'],
      ['申请材料', 2, '复印件份数', 'materials[0].copies', 'copiesMatchForm'],
      ['申请材料', materials.rowCount, '实施编码', 'implementationCode', 'itemListed'],
    ]);
    expect(problems[0]).toMatchObject({ code: newItem(1).implementationCode, cell: expect.stringMatching(/^[A-Z]+2$/), message: expect.stringContaining('承诺办结时限'), messageEn: expect.stringContaining('committed time limit') });

    expect(await drafts()).toEqual([]);
    expect(await history()).toHaveLength(logBefore);
  });

  it('turns a good workbook into drafts in one go, and says which it created, updated or left unchanged', async () => {
    const changed = { ...demo[0]!, name: `${demo[0]!.name}（改）` };
    const first = await importing(await xlsx(catalogWorkbook([newItem(1), newItem(2), changed, demo[1]!]))).expect(200);
    expect(first.body).toEqual({
      total: 4,
      createdCount: 3,
      updatedCount: 0,
      unchangedCount: 1,
      created: [newItem(1).implementationCode, newItem(2).implementationCode, changed.implementationCode],
      updated: [],
      unchanged: [demo[1]!.implementationCode],
    });
    expect((await drafts()).map((d) => d.code).sort()).toEqual([newItem(1).implementationCode, newItem(2).implementationCode, changed.implementationCode].sort());
    const draft = (await request(net.url(CITY)).get(`/catalog/drafts/${newItem(1).implementationCode}`).set(bearer(editor)).expect(200)).body;
    expect(draft.data).toEqual(JSON.parse(JSON.stringify(newItem(1))));

    // The same list with one item changed again: that draft is updated, the others are as they were.
    const second = await importing(await xlsx(catalogWorkbook([newItem(1), { ...newItem(2), hours: '工作日 8:30—18:00' }, changed]))).expect(200);
    expect(second.body).toMatchObject({ createdCount: 0, updatedCount: 1, unchangedCount: 2, updated: [newItem(2).implementationCode] });

    const log = await history();
    expect(log.filter((e) => e.action === 'drafts-imported')[0]!.details).toEqual({ total: 3, created: 0, updated: 1, unchanged: 2 });
    expect(log.find((e) => e.action === 'draft-created' && e.code === newItem(1).implementationCode)?.details).toEqual({ source: 'import' });
  });

  it('publishes the imported drafts; the export then has them, and imports back unchanged', async () => {
    const codes = (await drafts()).map((d) => d.code);
    const published = await request(net.url(CITY))
      .post('/catalog/versions')
      .set(bearer(editor))
      .send({ changes: codes.map((code) => ({ code, action: 'publish' })), note: '导入的事项' })
      .expect(201);
    expect(published.body.version).toBe(2);
    expect(await drafts()).toEqual([]);

    const res = await exporting().expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="catalog-v2.xlsx"');
    const read = await readCatalogWorkbook(res.body as Buffer);
    expect(read.problems).toEqual([]);
    expect(read.items).toHaveLength(demo.length + 2);
    expect(read.items.find((i) => i.implementationCode === demo[0]!.implementationCode)?.name).toBe(`${demo[0]!.name}（改）`);
    expect(read.items.find((i) => i.implementationCode === newItem(2).implementationCode)?.hours).toBe('工作日 8:30—18:00');

    const again = await importing(res.body as Buffer).expect(200);
    expect(again.body).toMatchObject({ total: demo.length + 2, createdCount: 0, updatedCount: 0, unchangedCount: demo.length + 2 });
    expect(await drafts()).toEqual([]);
  });

  it('lets the coordinator and the auditor export but only a catalog editor import; takes only a workbook, of at most 5 MB', async () => {
    const exported = (await exporting(auditor).expect(200)).body as Buffer;
    await exporting(coordinator).expect(200);
    expect((await importing(exported, auditor)).status).toBe(403);
    expect((await importing(exported, coordinator)).status).toBe(403);
    expect((await request(net.url(CITY)).post('/catalog/drafts/import').set('content-type', XLSX_MEDIA_TYPE).send(exported)).status).toBe(401);
    expect((await request(net.url(CITY)).get('/catalog/export.xlsx')).status).toBe(401);

    const json = await request(net.url(CITY)).post('/catalog/drafts/import').set(bearer(editor)).send({ items: [] });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await importing(Buffer.alloc(5 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const notXlsx = await importing(Buffer.from('实施编码,事项名称\n'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.problems).toMatchObject([{ rule: 'xlsxReadable' }]);
  });

  it('audits every import, the refused ones too', async () => {
    const res = await request(net.url(CITY)).get('/audit').query({ action: 'catalog.drafts-imported', limit: 50 }).set(bearer(auditor)).expect(200);
    const entries = res.body.items as Array<{ outcome: string; detail: Record<string, unknown> }>;
    expect(entries.filter((e) => e.outcome === 'success').length).toBe(4);
    expect(entries.filter((e) => e.outcome === 'failure').map((e) => e.detail.errorCode)).toEqual(expect.arrayContaining(['CATALOG_IMPORT_INVALID']));
    expect(entries.find((e) => e.outcome === 'success' && e.detail.total === 3)?.detail).toMatchObject({ createdCount: 0, updatedCount: 1, unchangedCount: 2 });
  });
});
