import { spawnSync } from 'node:child_process';
import { makeMonthlyReport } from '../testing/monthly-report.factory.js';
import { centresOf } from './report-format.js';
import { renderReportPdf } from './report-pdf.js';

const TITLE = '银川市政务服务效能月度通报（2026年11月）';

/** pdftotext (poppler-utils), when this machine has it. */
const pdftotext = (pdf: Buffer): string | undefined => {
  const run = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 16 * 1024 * 1024 });
  if (run.error) return undefined;
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
  return run.stdout.toString('utf8');
};

/** A PDF literal string `( … )` at `start`, unescaped to its bytes (PDF 32000-1, 7.3.4.2). */
function literalString(pdf: Buffer, start: number): Buffer {
  const ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };
  const out: number[] = [];
  for (let i = start + 1, depth = 1; i < pdf.length; i++) {
    const c = pdf[i]!;
    if (c === 0x5c) {
      const next = String.fromCharCode(pdf[++i]!);
      const octal = /^[0-7]{1,3}/.exec(pdf.subarray(i, i + 3).toString('latin1'))?.[0];
      if (octal) {
        out.push(parseInt(octal, 8));
        i += octal.length - 1;
      } else if (next in ESCAPES) out.push(ESCAPES[next]!);
      continue;
    }
    if (c === 0x28) depth++;
    if (c === 0x29 && --depth === 0) break;
    out.push(c);
  }
  return Buffer.from(out);
}

/** The document's /Title as pdfkit wrote it: a UTF-16BE text string with its byte-order mark. */
function infoTitle(pdf: Buffer): string {
  const ref = /\/Title (\d+) 0 R/.exec(pdf.toString('latin1'))![1]!;
  const at = pdf.indexOf(`\n${ref} 0 obj\n`) + `\n${ref} 0 obj\n`.length;
  const bytes = literalString(pdf, at);
  expect([...bytes.subarray(0, 2)]).toEqual([0xfe, 0xff]);
  return bytes.subarray(2).swap16().toString('utf16le');
}

describe('the monthly report as a PDF (效能月度通报)', () => {
  let closed: Buffer;
  let draft: Buffer;

  beforeAll(async () => {
    closed = await renderReportPdf(makeMonthlyReport());
    draft = await renderReportPdf(makeMonthlyReport({ status: 'open', closedAt: null }));
  });

  it('is an A4 PDF document', () => {
    expect(closed.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(closed.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(closed.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
  });

  it('embeds Noto Sans SC, regular and bold, as subsets, and no other font', () => {
    const text = closed.toString('latin1');
    const fonts = [...text.matchAll(/\/BaseFont \/([A-Z]{6})\+(\S+)/g)].map((m) => m[2]);
    expect(new Set(fonts)).toEqual(new Set(['NotoSansSCThin-Regular', 'NotoSansSCThin-Bold']));
    expect(text.match(/\/FontFile2 /g)).toHaveLength(2);
    expect(text).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    // Subsets: the full faces are 1.5 MB each.
    expect(closed.length).toBeLessThan(150_000);
  });

  it('carries the title and the status, and, read back by pdftotext where installed, every centre and late case', () => {
    expect(infoTitle(closed)).toBe(TITLE);
    const text = pdftotext(closed);
    if (text === undefined) {
      // No poppler here: what pdfkit wrote is all there is to read, and it is checked above and below.
      expect(infoTitle(draft)).toBe(TITLE);
      return;
    }
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(TITLE);
    expect(flat).toContain('状态：正式版');
    for (const c of centresOf(makeMonthlyReport())) expect(flat).toContain(c.figures.name);
    for (const l of makeMonthlyReport().lateCases) expect(flat).toContain(l.caseNumber);
    expect(flat).toContain('新增');
    expect(flat).toContain('未办结');
    expect(pdftotext(draft)!.replace(/\s+/g, '')).toContain('状态：草稿');
  });

  it('says when there were no late cases rather than drawing an empty table', async () => {
    const text = pdftotext(await renderReportPdf(makeMonthlyReport({ lateCases: [] })));
    if (text === undefined) {
      expect(infoTitle(await renderReportPdf(makeMonthlyReport({ lateCases: [] })))).toBe(TITLE);
      return;
    }
    expect(text.replace(/\s+/g, '')).toContain('本月无超期办件');
  });

  it('takes the city name it is given for the title', async () => {
    expect(infoTitle(await renderReportPdf(makeMonthlyReport(), { cityName: '石嘴山市' }))).toBe('石嘴山市政务服务效能月度通报（2026年11月）');
  });
});
