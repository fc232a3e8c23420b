import type { CaseDocument } from '../documents';

// The shapes of GET /cases/:caseNumber (libs/case-service/src/case-view.ts), as the console reads them.

export interface Labelled {
  code: string;
  zh: string;
  en: string;
}

export interface LightLabel {
  code: 'green' | 'yellow' | 'red';
  labelZh: string;
  labelEn: string;
}

export interface ApplicantView {
  kind: string;
  name: string;
  idNumber: string;
  contactName: string | null;
  contactIdNumber: string | null;
  phone: string;
  address: string | null;
  masked: boolean;
}

export interface CaseSummary {
  caseNumber: string;
  version: number;
  status: Labelled;
  inTransit: boolean;
  holder: string;
  intakeNode: string;
  decidingNode: string;
  item: { code: string; name: string; decisionLevel: string };
  applicant: ApplicantView;
  channel: Labelled | null;
  receivedAt: string;
  acceptedAt: string | null;
  dueDate: string | null;
  decidedAt: string | null;
  outcome: string | null;
  withdrawalRequested: boolean;
}

export interface TimelineEntry {
  id: string;
  at: string;
  node: string;
  actor: { id: string; name: string; role: string };
  action: Labelled;
  statusAfter: Labelled | null;
  holderAfter: string | null;
  versionAfter: number | null;
  details: Record<string, unknown> | null;
}

/** A document as the case detail lists it (see components/documents.ts). */
export type CaseDocumentRef = CaseDocument;

export interface TimeLimit {
  light: LightLabel | null;
  stepLight: LightLabel | null;
  stepDeadline: string | null;
  deadline: string | null;
  committedDays: number | null;
  budgetDays: number | null;
  usedDays: number | null;
  remainingDays: number | null;
  overdueDays: number;
  pausedDays: number;
  extensionDays: number;
  paused: boolean;
  stopped: boolean;
  byLevel: Record<string, number> | null;
  calendarVersion: string | null;
  provisional: boolean;
}

export interface MaterialBrought {
  name: string;
  originals: number;
  copies: number;
  electronic?: boolean;
}

export interface MaterialMissing {
  name: string;
  reason: 'absent' | 'too_few_originals' | 'too_few_copies';
  originals: number;
  copies: number;
}

export interface MaterialsRecord {
  brought: MaterialBrought[];
  conditions: string[];
  missing: MaterialMissing[];
  unexpected: string[];
}

export interface CaseDetail extends CaseSummary {
  itemOrigin: unknown;
  firstContact: { id: string; name: string };
  handler: string | null;
  reviewer: string | null;
  committedDays: number | null;
  materials: MaterialsRecord;
  oneTimeNotice: string[] | null;
  correction: string[] | null;
  specialProcedure: string | null;
  result: Record<string, unknown> | null;
  delivery: Record<string, unknown> | null;
  rating: Record<string, unknown> | null;
  documents: CaseDocumentRef[];
  timeline: TimelineEntry[];
  timeLimit: TimeLimit;
}

/**
 * A case as GET /cases and GET /cases/inbox list it: the summary with its lights now (`listedCase` in
 * case-view.ts). The lights are optional: a node running an older release lists cases without them.
 */
export interface CaseListItem extends CaseSummary {
  light?: LightLabel | null;
  stepLight?: LightLabel | null;
  stepDeadline?: string | null;
  deadline?: string | null;
}

/** One page of a case list. */
export interface CasePage {
  items: CaseListItem[];
  total: number;
  limit: number;
  offset: number;
}
