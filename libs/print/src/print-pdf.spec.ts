import { spawnSync } from 'node:child_process';
import { type PrintDocument, printedText, zhDate, zhDateTime } from './print-document.js';
import { renderPrintPdf } from './print-pdf.js';

/** pdftotext (poppler-utils) of one page, when this machine has it. */
function pageText(pdf: Buffer, page: number): string | undefined {
  const run = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 16 * 1024 * 1024 });
  if (run.error) return undefined;
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
  return run.stdout.toString('utf8').replace(/\s+/g, '');
}

const pages = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

const notice = (paragraphs: number): PrintDocument => ({
  issuer: '掌政镇便民服务中心',
  title: '受理通知书',
  number: 'SL-640104100000202611230000176',
  blocks: [
    { kind: 'salutation', text: '张三：' },
    ...Array.from({ length: paragraphs }, (_, i) => ({ kind: 'paragraph' as const, text: `第${i + 1}段。你于2026年11月23日提出的申请，申请材料齐全、符合法定形式，本中心决定予以受理。` })),
    { kind: 'fields', rows: [{ label: '申请人', value: '张三', half: true }, { label: '公民身份号码', value: '11010519491231002X', half: true }, { label: '事项名称', value: '食品经营许可' }] },
    { kind: 'table', columns: [{ header: '序号', width: 1 }, { header: '材料名称', width: 5 }], rows: [['1', '营业执照']] },
    { kind: 'list', items: ['补正一', '补正二'] },
    { kind: 'signatures', lines: ['签收人：'] },
    { kind: 'note', text: '说明：小字。' },
    { kind: 'paragraph', text: '特此通知。' },
  ],
  closing: { issuer: '掌政镇便民服务中心', date: '2026年11月24日' },
  footer: ['办件编号：640104100000202611230000176', '办理进度查询：凭办件编号和证件号码后六位查询'],
  createdAt: '2026-11-24T02:07:00Z',
});

describe('a printed document as a PDF (renderPrintPdf)', () => {
  it('is an A4 PDF in Noto Sans SC only, regular and bold, embedded as subsets', async () => {
    const pdf = await renderPrintPdf(notice(2));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(new Set([...raw.matchAll(/\/BaseFont \/[A-Z]{6}\+(\S+)/g)].map((m) => m[1]))).toEqual(new Set(['NotoSansSCThin-Regular', 'NotoSansSCThin-Bold']));
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(pdf.length).toBeLessThan(150_000);
    expect(pages(pdf)).toBe(1);
  });

  it('writes every block, the signing-off with the seal\'s place, and the footer', async () => {
    const text = pageText(await renderPrintPdf(notice(2)), 1);
    if (text === undefined) return; // no poppler here: the structure is checked above
    for (const s of ['掌政镇便民服务中心', '受理通知书', '文书编号：SL-640104100000202611230000176', '张三：', '第2段', '公民身份号码', '11010519491231002X', '营业执照', '1．补正一', '签收人：', '说明：小字。', '特此通知。', '（印章）', '2026年11月24日', '办件编号：640104100000202611230000176', '办理进度查询']) {
      expect(text).toContain(s);
    }
  });

  it('runs onto more pages with the page count in the footer, and never leaves the signing-off alone on a page', async () => {
    const pdf = await renderPrintPdf(notice(30));
    const count = pages(pdf);
    expect(count).toBeGreaterThan(1);
    const last = pageText(pdf, count);
    if (last === undefined) return;
    expect(pageText(pdf, 1)).toContain(`第1页/共${count}页`);
    expect(last).toContain(`第${count}页/共${count}页`);
    expect(last).toContain('特此通知。');
    expect(last).toContain('（印章）');
  });
});

describe('dates on printed documents', () => {
  it('writes a Beijing date the Chinese way, from an instant or a local date', () => {
    expect(zhDate('2026-11-23T16:30:00Z')).toBe('2026年11月24日'); // 00:30 the next day in Beijing
    expect(zhDate('2026-12-08')).toBe('2026年12月8日');
    expect(zhDateTime('2026-11-23T01:05:00Z')).toBe('2026年11月23日 09:05');
  });
});

describe('printedText', () => {
  it('gives every text in reading order: head, blocks, signing-off, footer', () => {
    const lines = printedText(notice(1));
    expect(lines.slice(0, 4)).toEqual(['掌政镇便民服务中心', '受理通知书', 'SL-640104100000202611230000176', '张三：']);
    expect(lines).toEqual(expect.arrayContaining(['申请人：张三', '序号 | 材料名称', '1 | 营业执照', '2．补正二', '签收人：']));
    expect(lines.slice(-4)).toEqual(['掌政镇便民服务中心', '2026年11月24日', '办件编号：640104100000202611230000176', '办理进度查询：凭办件编号和证件号码后六位查询']);
  });
});
