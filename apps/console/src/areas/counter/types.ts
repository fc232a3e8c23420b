// The shapes the counter reads from the node's public catalog (libs/catalog-replica catalog-presenter.ts)
// and from the rating and progress endpoints (libs/case-service).

export interface Coded {
  code: string;
  label: string;
}

export interface MatterSummary {
  code: string;
  basicCode: string;
  name: string;
  kind: Coded;
  department: string;
  decisionLevel: Coded;
  caseType: Coded;
  legalDays: number;
  committedDays: number;
  onlineAvailable: boolean;
  maxVisits: number;
  status: Coded;
  origin: 'city' | 'county';
}

export interface ChecklistMaterial {
  no: number;
  name: string;
  issuer: string;
  forms: Coded[];
  originals: number;
  copies: number;
  requirement: Coded;
  /** For a conditional material (依情形提交): the circumstance in which it is asked for. */
  notes: string | null;
}

export interface MatterDetail extends MatterSummary {
  otherOrigins: Array<'city' | 'county'>;
  implementationCode: string;
  intakeLevels: Coded[];
  legalTimeLimit: { days: number; unit: string };
  committedTimeLimit: { days: number; unit: string };
  conditions: string[];
  checklist: { title: string; notice: string; noticeEn: string; materials: ChecklistMaterial[]; required: number };
  legalBasis: string[];
  fee: { charged: boolean; standard?: string; basis?: string };
  processSteps: Array<{ name: string; description: string }>;
  servedParties: Coded[];
  channels: Coded[];
  place: string;
  hours: string;
  enquiryPhone: string;
  complaintPhone: string;
  localNotes: string | null;
  faq: Array<{ question: string; answer: string }>;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** GET /public/rating/:ticket */
export interface RatingScreenData {
  centre: { code: string; name: string };
  matter: { name: string };
  servedBy: { name: string };
  levels: Array<{ code: string; zh: string; en: string }>;
  expiresAt: string;
}

/** GET /public/cases/:n/progress */
export interface Progress {
  caseNumber: string;
  itemName: string;
  status: { code: string; zh: string; en: string };
  receivedAt: string;
  acceptedAt: string | null;
  dueDate: string | null;
  decidedAt: string | null;
  outcome: string | null;
  missingMaterials: string[];
  correctionItems: string[];
}
