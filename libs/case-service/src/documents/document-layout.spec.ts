import { spawnSync } from 'node:child_process';
import { type PrintBlock, type PrintDocument, printedText, renderPrintPdf } from '#libs/print';
import { documentSamples, sampleCases, SAMPLE_CENTRES } from '../testing/document-samples.js';
import { layoutCaseDocument, PROGRESS_HINT, type DocumentPrintInput } from './document-layout.js';

const samples = documentSamples();
const sample = (prefix: string): DocumentPrintInput => samples.find((s) => s.document.number.startsWith(`${prefix}-`))!;
const laid = (prefix: string, change: Partial<DocumentPrintInput> = {}): PrintDocument => layoutCaseDocument({ ...sample(prefix), ...change });
/** All the text of a laid-out document, run together the way a reader sees it. */
const all = (p: PrintDocument): string => printedText(p).join('\n');
const fields = (p: PrintDocument): Record<string, string> =>
  Object.fromEntries(p.blocks.flatMap((b) => (b.kind === 'fields' ? b.rows.map((r) => [r.label, r.value]) : [])));
const blocksOf = <K extends PrintBlock['kind']>(p: PrintDocument, kind: K) => p.blocks.filter((b): b is Extract<PrintBlock, { kind: K }> => b.kind === kind);

const [licence, refused] = sampleCases();
const LICENCE_NO = licence!.state.caseNumber;
const REFUSED_NO = refused!.state.caseNumber;
const TOWNSHIP = SAMPLE_CENTRES['640104100000']!;
const COUNTY = SAMPLE_CENTRES['640104000000']!;

describe('printed case documents: the layout (a pure function of the document and its case)', () => {
  it('has one sample of each of the five kinds, run through the real workflow', () => {
    expect(samples.map((s) => s.document.number.slice(0, 2)).sort()).toEqual(['BY', 'BZ', 'GZ', 'SD', 'SL', 'SL']);
  });

  it.each([
    ['GZ', '一次性告知书', LICENCE_NO, TOWNSHIP, '2026年11月23日'],
    ['SL', '受理通知书', LICENCE_NO, TOWNSHIP, '2026年11月24日'],
    ['BZ', '补正通知书', LICENCE_NO, COUNTY, '2026年11月25日'],
    ['SD', '送达回证', LICENCE_NO, TOWNSHIP, '2026年11月28日'],
  ])('%s: the title %s, its number, the issuing centre at the head and over the seal, the date, the footer', (prefix, title, caseNumber, issuer, date) => {
    const p = laid(prefix);
    expect(p).toMatchObject({ issuer, title, number: `${prefix}-${caseNumber}`, closing: { issuer, date } });
    expect(p.footer).toEqual([`办件编号：${caseNumber}\u3000文书编号：${prefix}-${caseNumber}`, PROGRESS_HINT]);
    expect(fields(p)['办件编号'] ?? caseNumber).toBe(caseNumber);
  });

  it('一次性告知书: cites 行政许可法 art. 32, lists everything missing with what the checklist asks, and what was received', () => {
    const p = laid('GZ');
    expect(all(p)).toContain('根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你需要补齐、补正的全部材料如下');
    expect(all(p)).toContain('2026年11月23日申请办理的“食品经营许可”（事项编码：01010040004640100001）');
    const [missing] = blocksOf(p, 'table');
    expect(missing!.columns.map((c) => c.header)).toEqual(['序号', '材料名称', '要求', '情况']);
    expect(missing!.rows).toEqual([
      ['1', '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', '原件1份', '未提交'],
      ['2', '食品安全自查、从业人员健康管理、进货查验记录等食品安全规章制度目录', '原件1份', '未提交'],
    ]);
    expect(all(p)).toContain('已收取的材料：食品经营许可申请书（原件1份）；营业执照（复印件1份）。');
    expect(all(p)).toContain(`持本告知书到${TOWNSHIP}窗口提交`);
    expect(all(p)).toContain('本告知书所列以外的材料，不再要求补正');
    expect(fields(p)).toMatchObject({ 申请人: '张晓明', 公民身份号码: '11010519491231002X', 事项名称: '食品经营许可（事项编码：01010040004640100001）', 收件时间: '2026年11月23日 09:30', 承办人: '马晓红' });
  });

  it('受理通知书: accepted under art. 32 (5), the time limit and committed date, the deciding centre, the materials received', () => {
    const p = laid('SL');
    expect(all(p)).toContain('申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，本中心决定予以受理');
    expect(all(p)).toContain(`本事项由${COUNTY}依法作出决定，本中心代为受理、全程代办`);
    expect(all(p)).toContain('第四十二条、第四十五条');
    expect(fields(p)).toMatchObject({ 受理时间: '2026年11月24日 10:07', 承诺办结时限: '10个工作日', 承诺办结日期: '2026年12月8日', 受理人: '马晓红', 公民身份号码: '11010519491231002X' });
    const [received] = blocksOf(p, 'table');
    expect(received!.rows.map((r) => r[2])).toEqual(['原件1份', '复印件1份', '原件1份', '原件1份']);
    expect(p.blocks.at(-1)).toEqual({ kind: 'paragraph', text: expect.stringContaining('特此通知。') });
  });

  it('受理通知书 of a matter the intake centre decides itself says nothing of another deciding centre', () => {
    const input = sample('SL');
    const own = layoutCaseDocument({ ...input, file: { ...input.file, state: { ...input.file.state, decidingNode: input.document.issuedBy } } });
    expect(all(own)).not.toContain('全程代办');
  });

  it('补正通知书: issued by the deciding county, lists every item at once, and stops the clock until the correction arrives', () => {
    const p = laid('BZ');
    expect(p.issuer).toBe(COUNTY);
    expect(blocksOf(p, 'list')).toEqual([{ kind: 'list', items: ['经营布局图未标明食品处理区与非食品处理区，请重新绘制并签字确认', '从业人员健康证明缺少一人（王某）的有效期页，请补充复印件'] }]);
    expect(all(p)).toContain('说明：补正材料可交至掌政镇便民服务中心窗口，由窗口转交。');
    expect(all(p)).toContain(`将补正材料提交至${TOWNSHIP}窗口`);
    expect(all(p)).toContain('不计算在办理时限内');
    expect(fields(p)).toMatchObject({ 通知时间: '2026年11月25日 11:09', 承办人: '李审查' });
  });

  it('不予受理决定书: the reason and its legal basis, and the right to reconsideration (60 days) or a lawsuit (6 months)', () => {
    const p = laid('BY');
    expect(p).toMatchObject({ issuer: COUNTY, title: '不予受理决定书', number: `BY-${REFUSED_NO}` });
    expect(all(p)).toContain('经审查，申请经营场所位于规划确定的拆迁范围内，已被依法列入征收范围，申请事项依法不属于本机关受理范围。根据《中华人民共和国行政许可法》第三十二条第一款第（二）项的规定，本中心决定不予受理。');
    expect(all(p)).toContain('可以自收到本决定书之日起六十日内，依照《中华人民共和国行政复议法》的规定申请行政复议');
    expect(all(p)).toContain('自收到本决定书之日起六个月内，依照《中华人民共和国行政诉讼法》的规定直接向人民法院提起行政诉讼');
    // An organisation: addressed as 你单位, with its credit code and the person applying for it.
    expect(all(p)).toContain('你单位如不服本决定');
    expect(fields(p)).toMatchObject({ 申请单位: '银川市兴庆区掌政镇鲜味餐饮有限公司', 统一社会信用代码: '91640104MA76XK2P3Q', 经办人: '杨文静', 决定日期: '2026年11月28日', 法律依据: '《中华人民共和国行政许可法》第三十二条第一款第（二）项' });
  });

  it('送达回证: what was delivered, to whom, how and when, and the lines to sign', () => {
    const p = laid('SD');
    expect(fields(p)).toMatchObject({
      送达文书: '食品经营许可证（编号：JY16401040012345）',
      办理结果: `准予\u3000${COUNTY}\u30002026年11月28日决定`,
      受送达人: '张晓明',
      公民身份号码: '11010519491231002X',
      送达方式: '直接送达',
      送达时间: '2026年11月28日 12:11',
      签收人: '张晓明（本人）',
      送达人: '马晓红',
    });
    const signing = blocksOf(p, 'fields')[0]!.rows.filter((r) => r.tall).map((r) => r.label);
    expect(signing).toEqual(['签收人签名', '签收日期', '送达人签名', '备注']);
    expect(blocksOf(p, 'note')[0]!.text).toContain('拒绝签收的');
  });

  it('prints the applicant\'s ID whole on the copy for staff working the case, masked on a reader\'s copy, and the address only whole', () => {
    for (const prefix of ['GZ', 'SL', 'BZ', 'SD']) {
      expect(all(laid(prefix))).toContain('11010519491231002X');
      const masked = all(laid(prefix, { wholeId: false }));
      expect(masked).not.toContain('11010519491231002X');
      expect(masked).toContain('1101**********002X');
    }
    expect(all(laid('SD', { wholeId: false }))).not.toContain('强家庙村');
    expect(all(laid('BY', { wholeId: false }))).not.toContain(refused!.record.applicant.contactIdNumber!);
  });

  it('reads a notice written before the materials were kept with it from the case', () => {
    const input = sample('SL');
    const older = { ...input.document.body };
    delete older.brought;
    const p = layoutCaseDocument({ ...input, document: { ...input.document, body: older } });
    expect(blocksOf(p, 'table')[0]!.rows).toHaveLength(licence!.record.materials.brought.length);
  });

  it('names an unknown centre by its code rather than failing', () => {
    expect(laid('GZ', { centreName: (code) => code }).issuer).toBe('640104100000');
  });
});

/** pdftotext (poppler-utils), when this machine has it. */
function pdftotext(pdf: Buffer): string | undefined {
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 16 * 1024 * 1024 });
  if (run.error) return undefined;
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
  return run.stdout.toString('utf8');
}

describe('printed case documents: the PDF', () => {
  it.each(['GZ', 'SL', 'BZ', 'BY', 'SD'])('%s fits one A4 page and reads back with its title, number, centre, matter and legal text', async (prefix) => {
    const p = laid(prefix);
    const pdf = await renderPrintPdf(p);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = pdftotext(pdf);
    if (text === undefined) return; // no poppler here: the page count and the layout above are what can be checked
    const flat = text.replace(/\s+/g, '');
    for (const expected of [p.title, p.number, p.issuer, '食品经营许可', '（印章）', p.closing.date, PROGRESS_HINT]) expect(flat).toContain(expected.replace(/\s+/g, ''));
    if (prefix === 'BY') expect(flat).toContain('六十日内');
    if (prefix === 'GZ') expect(flat).toContain('第三十二条');
  });
});
