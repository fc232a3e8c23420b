import type { Lang } from '../lib/i18n';

// The documents a case hands out (docs/cases.md "Numbering"), as the console names them. Shared by
// PrintDocumentButton and DocumentList; pages that show documents elsewhere may use it too.

export type DocumentKindCode = 'acceptance_notice' | 'one_time_notice' | 'correction_notice' | 'non_acceptance_decision' | 'delivery_receipt';
export type DocumentPrefix = 'SL' | 'GZ' | 'BZ' | 'BY' | 'SD';

export const DOCUMENT_KINDS: ReadonlyArray<{ code: DocumentKindCode; prefix: DocumentPrefix; zh: string; en: string }> = [
  { code: 'acceptance_notice', prefix: 'SL', zh: '受理通知书', en: 'Acceptance notice' },
  { code: 'one_time_notice', prefix: 'GZ', zh: '一次性告知书', en: 'One-time notice' },
  { code: 'correction_notice', prefix: 'BZ', zh: '补正通知书', en: 'Correction notice' },
  { code: 'non_acceptance_decision', prefix: 'BY', zh: '不予受理决定书', en: 'Decision not to accept' },
  { code: 'delivery_receipt', prefix: 'SD', zh: '送达回证', en: 'Delivery receipt' },
];

/** A document as GET /cases/:caseNumber/documents lists it (its `body` is the structured content). */
export interface CaseDocument {
  kind: DocumentKindCode;
  number: string;
  titleZh: string;
  titleEn: string;
  issuedAt: string;
  /** The node code of the centre that issued it. */
  issuedBy: string;
  body?: Record<string, unknown>;
}

/** The kind's entry, from its code (`one_time_notice`), its prefix (`GZ`) or a document number (`GZ-6401…`). */
export function documentKind(kind: string): (typeof DOCUMENT_KINDS)[number] | undefined {
  const prefix = /^([A-Z]{2})(-|$)/.exec(kind)?.[1];
  return DOCUMENT_KINDS.find((k) => k.code === kind || k.prefix === prefix);
}

/** The document's title in the console's language, or the kind as given when unknown. */
export function documentTitle(kind: string, lang: Lang): string {
  const k = documentKind(kind);
  return k ? (lang === 'zh' ? k.zh : k.en) : kind;
}

/** Where the node renders a document as a PDF. */
export function documentPdfPath(caseNumber: string, number: string): string {
  return `/cases/${encodeURIComponent(caseNumber)}/documents/${encodeURIComponent(number)}/pdf`;
}
