import type { CodeEntry } from '#libs/catalog';
import { isCaseNumber } from './case-number.js';
import type { CaseDocumentKind } from './transition-table.js';

export interface DocumentKindEntry extends CodeEntry<CaseDocumentKind> {
  /** Pinyin initials, as document numbers (文号) of service centres usually carry. */
  readonly prefix: string;
}

/** The documents a clerk hands out; each case has at most one of each (one notice, one correction, one decision). */
export const CASE_DOCUMENT_KINDS = [
  { code: 'acceptance_notice', zh: '受理通知书', en: 'acceptance notice', prefix: 'SL' },
  { code: 'one_time_notice', zh: '一次性告知书', en: 'one-time notice of missing materials', prefix: 'GZ' },
  { code: 'correction_notice', zh: '补正通知书', en: 'correction notice', prefix: 'BZ' },
  { code: 'non_acceptance_decision', zh: '不予受理决定书', en: 'decision not to accept', prefix: 'BY' },
  { code: 'delivery_receipt', zh: '送达回证', en: 'delivery receipt', prefix: 'SD' },
] as const satisfies readonly DocumentKindEntry[];

const BY_KIND = new Map<string, DocumentKindEntry>(CASE_DOCUMENT_KINDS.map((k) => [k.code, k]));
const BY_PREFIX = new Map<string, DocumentKindEntry>(CASE_DOCUMENT_KINDS.map((k) => [k.prefix, k]));
const DOCUMENT_NUMBER = /^([A-Z]{2})-(\d{26}[\dX])$/;

/** 受理文书编号 and the other document numbers: `SL-<case number>`; unique because a case has one of each kind. */
export function formatDocumentNumber(kind: CaseDocumentKind, caseNumber: string): string {
  if (!isCaseNumber(caseNumber)) throw new RangeError(`${caseNumber} is not a case number`);
  return `${BY_KIND.get(kind)!.prefix}-${caseNumber}`;
}

export function parseDocumentNumber(value: string): { kind: CaseDocumentKind; caseNumber: string } | undefined {
  const m = DOCUMENT_NUMBER.exec(value);
  const entry = m === null ? undefined : BY_PREFIX.get(m[1]!);
  if (m === null || entry === undefined || !isCaseNumber(m[2]!)) return undefined;
  return { kind: entry.code, caseNumber: m[2]! };
}
