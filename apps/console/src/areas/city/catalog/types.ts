// What the city's catalog endpoints answer (apps/city/src/catalog-authoring).

export interface TimeLimit {
  days: number;
  unit: 'working-day';
  note?: string;
}

export interface Material {
  name: string;
  issuer: string;
  forms: string[];
  originals: number;
  copies: number;
  requirement: string;
  notes?: string;
}

/** One matter as a draft or a published revision holds it (CatalogItemInput). */
export interface CatalogItem {
  basicCode: string;
  implementationCode: string;
  name: string;
  kindCode: string;
  department: { name: string; creditCode: string };
  decisionLevel: string;
  intakeLevels: string[];
  caseType: string;
  legalTimeLimit: TimeLimit;
  committedTimeLimit: TimeLimit;
  conditions: string[];
  materials: Material[];
  noMaterialsRequired?: boolean;
  legalBasis: string[];
  fee: { charged: boolean; standard?: string; basis?: string };
  processSteps: { name: string; description?: string }[];
  specialProcedures: string[];
  maxVisits: number;
  onlineAvailable: boolean;
  servedParties: string[];
  channels: string[];
  place: string;
  hours: string;
  enquiryPhone: string;
  complaintPhone: string;
  faq: { question: string; answer: string }[];
  keywords: string[];
  status: string;
  effectiveFrom?: string;
  effectiveUntil?: string;
}

export interface ItemRow {
  code: string;
  name: string;
  revision: number;
  status: string;
  effectiveFrom: string;
  version: number;
  hasDraft: boolean;
}

export interface DraftRow {
  code: string;
  name: string;
  updatedBy: string;
  updatedAt: string;
}

export interface Draft {
  code: string;
  data: CatalogItem;
  updatedBy: string;
  updatedAt: string;
}

export interface Revision {
  code: string;
  revision: number;
  version: number;
  status: string;
  effectiveFrom: string;
  data: CatalogItem;
}

export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface ItemDiff {
  code: string;
  from: number | null;
  to: number;
  changes: FieldChange[];
}

export type ChangeAction = 'publish' | 'cancel' | 'suspend' | 'reactivate' | 'delegate';

export interface Change {
  code: string;
  action: ChangeAction;
  toLevel?: 'county' | 'township';
  reason?: string;
}

export interface Version {
  version: number;
  effectiveFrom: string;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  changes: Change[];
}

export interface PublishedVersion {
  version: number;
  effectiveFrom: string;
  changes: { code: string; action: string; revision: number; status: string }[];
}

export interface NodePropagation {
  node: string;
  name: string;
  tier: 'city' | 'county' | 'township';
  appliedVersion: number;
  behind: number;
  countyVersion?: number | null;
  liveItems: number | null;
  appliedAt?: string | null;
  reportedAt: string | null;
}

export interface Propagation {
  currentVersion: number;
  upToDate: number;
  nodes: NodePropagation[];
}

/** One problem of an imported workbook (libs/catalog-workbook). */
export interface WorkbookProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  cell: string | null;
  code: string | null;
  field: string;
  rule: string;
  message: string;
  messageEn: string;
}

export interface ImportSummary {
  total: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  created: string[];
  updated: string[];
  unchanged: string[];
}
