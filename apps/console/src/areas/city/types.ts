// The shapes the city's pages read: the monitor (apps/city/src/monitor, libs/monitor), supervision and
// accountability (libs/supervision), the monthly assessment (libs/assessment, apps/city/src/assessment)
// and the audit log (libs/identity/src/audit).

export type MonitorLight = 'green' | 'yellow' | 'red';

/** GET /monitor/grid: one centre and its live cases by light. */
export interface GridNode {
  code: string;
  name: string;
  tier: 'city' | 'county' | 'township' | null;
  parent: string | null;
  live: number;
  closed: number;
  green: number;
  yellow: number;
  red: number;
  unlit: number;
}

export interface GridTotals {
  live: number;
  closed: number;
  green: number;
  yellow: number;
  red: number;
  unlit: number;
}

export interface MonitorGrid {
  at: string;
  today: string;
  totals: GridTotals;
  nodes: GridNode[];
}

/** One case in the monitor (GET /monitor/cases/:n, the lists). */
export interface MonitorRow {
  caseNumber: string;
  intakeNode: string;
  holder: string;
  decidingNode: string;
  itemCode: string;
  itemName: string;
  status: string;
  outcome: string | null;
  live: boolean;
  paused: boolean;
  light: MonitorLight | null;
  stepLight: MonitorLight | null;
  receivedOn: string;
  acceptedOn: string | null;
  dueOn: string | null;
  closedOn: string | null;
  closedLate: boolean | null;
  overdueDays: number;
  lightDueAt: string | null;
  supervisionRound: number;
  flagged: boolean;
  version: number;
  calendarVersion: string | null;
}

export interface MonitorPage {
  items: MonitorRow[];
  next: string | null;
}

export interface DayCount {
  day: string;
  received: number;
  accepted: number;
  closed: number;
  closedLate: number;
}

export type OrderStatus = 'open' | 'answered' | 'overdue';

export interface AnswerData {
  content: string;
  at: string;
  by?: string;
  byName?: string;
  [k: string]: unknown;
}

export interface SupervisionOrder {
  id: string;
  caseNumber: string;
  round: number;
  previousId?: string;
  holder: string;
  content: string;
  answerBy: string;
  issuedAt: string;
  issuedBy: string;
  issuedByName: string;
  rule?: string;
  status: OrderStatus;
  flagged: boolean;
  answer?: AnswerData;
  version: number;
}

export interface OrderStep {
  id: string;
  orderId: string;
  at: string;
  node: string;
  actorId: string;
  actorName: string;
  action: string;
  details: Record<string, unknown>;
}

export interface Paged<T> {
  total: number;
  items: T[];
}

export interface Rectification {
  id: string;
  caseNumber: string;
  node: string;
  source: 'rating' | 'follow_up';
  ratingLevel?: string;
  ratingComment?: string;
  followUpId?: string;
  problem?: string;
  openedAt: string;
  dueOn: string;
  status: 'open' | 'answered' | 'closed';
  answer?: AnswerData;
  rerating?: { level: string; at?: string; comment?: string; [k: string]: unknown };
  version: number;
}

export interface CodeLabel {
  code: string;
  zh: string;
  en: string;
}

export interface AccountabilityRecord {
  id: string;
  orderId: string;
  caseNumber: string;
  level: CodeLabel;
  node: string;
  nodeName: string | null;
  person: { id: string; name: string; role: string; actedAt: string } | null;
  daysByLevel: Partial<Record<'township' | 'in_transit' | 'county' | 'city', number>>;
  status: CodeLabel;
  decision: {
    decision: CodeLabel;
    content: string;
    decidedOn: string;
    decidedBy: string;
    recordedAt: string;
    recordedBy: { id: string; name: string };
  } | null;
  createdAt: string;
}

export interface CentreFigures {
  node: string;
  name: string;
  tier: 'city' | 'county' | 'township';
  county: string | null;
  month: string;
  received: number;
  decided: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  avgDaysUsed: number | null;
  avgDaysCommitted: number | null;
  ratings: Record<'1' | '2' | '3' | '4' | '5', number>;
  ratingsTotal: number;
  poorShare: number | null;
  rectificationsOpened: number;
  rectificationsAnsweredInTime: number;
  rectificationsDue: number;
  ordersReceived: number;
  ordersAnsweredInTime: number;
  ordersDue: number;
  ordersFlagged: number;
  complaintsReceived: number;
  complaintsUpheld: number;
}

export interface ScorePart {
  code: string;
  labelZh: string;
  labelEn: string;
  value: number | null;
  score: number;
  weight: number;
  points: number;
}

export interface RankedCentre {
  figures: CentreFigures;
  index: number;
  parts: ScorePart[];
  rank: number;
  previousRank: number | null;
  previousIndex: number | null;
}

export interface LateCase {
  caseNumber: string;
  itemName: string;
  decidingNode: string;
  holder: string;
  dueOn: string;
  closedOn: string | null;
  overdueDays: number;
}

export interface MonthlyReport {
  month: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  weightsVersion: number;
  generatedAt: string;
  counties: RankedCentre[];
  townships: Array<{ county: string; countyName: string; ranked: RankedCentre[] }>;
  city: RankedCentre | null;
  lateCases: LateCase[];
}

export interface Recomputation {
  month: string;
  comparedWith: 'frozen' | 'live';
  equal: boolean;
  differences: Array<{ node: string; field: string; stored: unknown; recomputed: unknown }>;
  read: {
    messages: number;
    caseSteps: number;
    orders: number;
    answers: number;
    rectifications: number;
    complaints: number;
    afterClose: number;
    refused: Record<string, number>;
    fromCity: { cases: number; orders: number; rectifications: number; complaints: number };
  };
}

export const WEIGHT_KEYS = ['onTime', 'speed', 'satisfaction', 'supervision', 'rectification', 'complaints'] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];
export type Weights = Record<WeightKey, number>;

export interface WeightsVersion {
  version: number;
  weights: Weights;
  changedBy: string;
  changedByName: string;
  changedAt: string;
  reason: string;
}

export interface AuditRecord {
  seq: string;
  id: string;
  at: string;
  node: string;
  actorId: string | null;
  actorLogin: string | null;
  actorRole: string | null;
  action: string;
  outcome: 'success' | 'failure';
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}
