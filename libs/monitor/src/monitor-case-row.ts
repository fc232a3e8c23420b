import type { CaseOutcome, CaseStatus } from '#libs/cases';

/** A time-limit light (红黄绿灯) on a live case. */
export type MonitorLight = 'green' | 'yellow' | 'red';
export const MONITOR_LIGHTS: readonly MonitorLight[] = ['green', 'yellow', 'red'];

/**
 * One case as the city monitor sees it: what the projector makes of a `CaseFile` and the time-limit
 * reading (lights, supervision) at some moment. Dates are the city's calendar days (`YYYY-MM-DD`).
 */
export interface MonitorCaseRow {
  caseNumber: string;
  intakeNode: string;
  /** The node that may change the case now; counts, the overdue list and a node's live cases are by holder. */
  holder: string;
  decidingNode: string;
  itemCode: string;
  itemName: string;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  /** No outcome yet: accepted or waiting (not decided, not withdrawn, not refused). */
  live: boolean;
  /** The clock is stopped for a correction or a special procedure. */
  paused: boolean;
  /** null when closed. */
  light: MonitorLight | null;
  /** The light of the step the holder is on, where a step has its own limit; null when closed. */
  stepLight: MonitorLight | null;
  receivedOn: string;
  acceptedOn: string | null;
  dueOn: string | null;
  closedOn: string | null;
  /** Closed after its due date; null while live or when it never had one. */
  closedLate: boolean | null;
  /** Working days past the due date (0 unless overdue). */
  overdueDays: number;
  /** When the light must be evaluated again (ISO 8601); null when closed or when nothing can change it. */
  lightDueAt: string | null;
  /** Written supervision orders (督办) issued and unanswered: 0, 1 or 2. */
  supervisionRound: number;
  /** Marked for a supervision recommendation (监察建议) after two unanswered orders. */
  flagged: boolean;
  /** The case's `state.version`: a light or supervision change does not bump it. */
  version: number;
  /** The calendar the due date and light were computed on, to explain them after an amendment. */
  calendarVersion: string | null;
}

/** Which set of tables: the one queries read, or the one a rebuild fills before it is swapped in. */
export type MonitorTarget = 'live' | 'build';

/** A page of a list ordered by (due date, case number); `next` is the cursor of the following page, null at the end. */
export interface MonitorPage {
  items: MonitorCaseRow[];
  next: string | null;
}

export interface MonitorCountCell {
  status: CaseStatus;
  /** null for closed cases and for live ones that have no light yet. */
  light: MonitorLight | null;
  live: boolean;
  n: number;
}

export interface MonitorNodeCount {
  node: string;
  live: number;
  closed: number;
  green: number;
  yellow: number;
  red: number;
}

export interface MonitorCounts {
  /** The node asked for, or null. */
  node: string | null;
  /** The county-level area asked for, or null; both null for the whole network. */
  area: string | null;
  totals: Omit<MonitorNodeCount, 'node'>;
  /** By status and light, for the node or summed over the area or the network; cells at zero left out. */
  byStatus: MonitorCountCell[];
  /** One line per holder node with anything in it, in the area or the network (just the node asked for, if one was). */
  byNode: MonitorNodeCount[];
}

/** One day of trends: `received` and `accepted` at the intake node, `closed` and `closedLate` at the deciding node. */
export interface MonitorDayCount {
  day: string;
  received: number;
  accepted: number;
  closed: number;
  closedLate: number;
}
