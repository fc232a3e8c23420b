import { formatCaseNumber } from './case-number.js';
import { CASE_DOCUMENT_KINDS, formatDocumentNumber, parseDocumentNumber } from './document-number.js';

const CASE = formatCaseNumber({ nodeCode: '640104100000', date: '2026-11-23', sequence: 17 });

describe('document numbers', () => {
  it.each(CASE_DOCUMENT_KINDS.map((k) => [k.zh, k.code, k.prefix] as const))('numbers the %s (%s) %s-<case number> and reads it back', (_zh, kind, prefix) => {
    const sut = formatDocumentNumber(kind, CASE);
    expect(sut).toBe(`${prefix}-${CASE}`);
    expect(parseDocumentNumber(sut)).toEqual({ kind, caseNumber: CASE });
  });

  it('gives each kind its own prefix', () => {
    expect(new Set(CASE_DOCUMENT_KINDS.map((k) => k.prefix)).size).toBe(CASE_DOCUMENT_KINDS.length);
  });

  it('refuses an unknown prefix, a bad case number, or no separator', () => {
    expect(parseDocumentNumber(`XX-${CASE}`)).toBeUndefined();
    expect(parseDocumentNumber(`SL-${CASE.slice(0, 26)}0`.replace(/.$/, CASE[26] === '0' ? '1' : '0'))).toBeUndefined();
    expect(parseDocumentNumber(`SL${CASE}`)).toBeUndefined();
  });

  it('will not number a document for something that is not a case number', () => {
    expect(() => formatDocumentNumber('acceptance_notice', '123')).toThrow('not a case number');
  });
});
