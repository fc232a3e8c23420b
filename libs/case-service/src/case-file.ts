import type { BroughtMaterial, CaseClock, CaseDocumentKind, CaseState, MissingMaterial } from '#libs/cases';

export type ApplicantKind = 'person' | 'organisation';

/** The applicant (申请人): a person by resident ID, or an organisation by credit code with its contact person. */
export interface ApplicantRecord {
  kind: ApplicantKind;
  name: string;
  /** Resident ID (GB 11643) of a person, or the unified social credit code (GB 32100) of an organisation. */
  idNumber: string;
  /** For an organisation: the person who applies for it. */
  contactName?: string;
  contactIdNumber?: string;
  phone: string;
  address: string;
}

export interface MaterialsRecord {
  brought: BroughtMaterial[];
  /** The circumstances (依情形提交) the clerk marked as applying. */
  conditions: string[];
  missing: MissingMaterial[];
  unexpected: string[];
}

/** A document handed out to the applicant, kept as structured data with its number (文号). */
export interface CaseDocument {
  kind: CaseDocumentKind;
  number: string;
  titleZh: string;
  titleEn: string;
  issuedAt: string;
  issuedBy: string;
  body: Record<string, unknown>;
}

/** Everything the service keeps about a case beside the rules' state. */
export interface CaseRecord {
  itemCode: string;
  itemName: string;
  decisionLevel: 'township' | 'county' | 'city';
  itemOrigin: string;
  firstContactName: string;
  applicant: ApplicantRecord;
  channel: string;
  materials: MaterialsRecord;
  receivedAt: string;
  acceptedAt?: string;
  dueDate?: string;
  committedDays?: number;
  decidedAt?: string;
  /** The time limit (限时办结): the budget and its ledger of pauses, extensions and holders, from acceptance. */
  clock?: CaseClock;
  /** When the case entered its current status or holder: per-step limits count from here. */
  statusSince?: string;
  result?: Record<string, unknown>;
  delivery?: Record<string, unknown>;
  rating?: Record<string, unknown>;
  documents: CaseDocument[];
}

export interface CaseFile {
  state: CaseState;
  record: CaseRecord;
}

/** Who acts, as the timeline records them and the rules see them. */
export interface StepActor {
  id: string;
  name: string;
  role: string;
  node: string;
  backupOf: readonly string[];
}

/** One timeline entry (the contract's TimelineStepData). */
export interface TimelineStep {
  id: string;
  at: string;
  node: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  statusAfter?: string;
  holderAfter?: string;
  versionAfter?: number;
  details: Record<string, unknown>;
}

/** The node itself acting: acknowledging a case handed to it, passing on a matter it does not decide. */
export function systemActor(node: string): StepActor {
  return { id: 'system', name: '系统', role: 'system', node, backupOf: [] };
}
