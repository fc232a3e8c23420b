import type { WorkingCalendar } from '#libs/calendar';
import { localDate, readClock } from '#libs/cases';

/**
 * What the monthly figures are computed from: plain facts about cases, supervision orders,
 * rectification items and complaints. The same facts come from the city's tables (its copies, built
 * from the events it observed) or from the event log itself (a recomputation), so one function makes
 * the figures from either, and both must agree.
 */
export interface CaseFact {
  caseNumber: string;
  itemName: string;
  intakeNode: string;
  decidingNode: string;
  holder: string;
  receivedAt: string;
  /** The due date its last step recorded (YYYY-MM-DD); null before acceptance. */
  dueOn: string | null;
  /** When the outcome was reached (decided, not accepted, withdrawn). */
  decidedAt: string | null;
  outcome: string | null;
  /** Of a case decided with a clock: the working days it counted, its committed limit, and whether it ended past its deadline. */
  clock: { usedDays: number; committedDays: number; late: boolean; overdueDays: number } | null;
  rating: { level: RatingLevel; at: string } | null;
}

export type RatingLevel = '1' | '2' | '3' | '4' | '5';

export interface OrderFact {
  id: string;
  holder: string;
  issuedAt: string;
  /** The answer date (YYYY-MM-DD, local). */
  answerBy: string;
  answeredAt: string | null;
  flagged: boolean;
}

export interface RectificationFact {
  id: string;
  node: string;
  openedAt: string;
  dueOn: string;
  answeredAt: string | null;
}

export interface ComplaintFact {
  id: string;
  againstNode: string;
  receivedAt: string;
  outcome: 'upheld' | 'not_upheld' | null;
}

export interface AssessmentFacts {
  cases: CaseFact[];
  orders: OrderFact[];
  rectifications: RectificationFact[];
  complaints: ComplaintFact[];
}

/** The parts of a case file a case fact needs (a `CaseFile` from the case service fits). */
export interface CaseFileLike {
  state: { caseNumber: string; intakeNode: string; decidingNode: string; holder: string; outcome?: string };
  record: {
    itemName: string;
    receivedAt: string;
    dueDate?: string;
    decidedAt?: string;
    clock?: Parameters<typeof readClock>[0];
    rating?: Record<string, unknown>;
  };
}

const RATING_LEVELS = new Set(['1', '2', '3', '4', '5']);

/** A case's fact, its clock read on `calendar` as of the moment it stopped. */
export function caseFactOf(file: CaseFileLike, calendar: WorkingCalendar): CaseFact {
  const { state, record } = file;
  const decided = state.outcome !== undefined && record.decidedAt !== undefined;
  let clock: CaseFact['clock'] = null;
  if (decided && record.clock?.stoppedAt !== undefined) {
    const r = readClock(record.clock, calendar, new Date(record.clock.stoppedAt));
    clock = { usedDays: r.usedDays, committedDays: record.clock.committedDays, late: r.overdueDays > 0, overdueDays: r.overdueDays };
  }
  const level = record.rating?.level;
  const at = record.rating?.at;
  return {
    caseNumber: state.caseNumber,
    itemName: record.itemName,
    intakeNode: state.intakeNode,
    decidingNode: state.decidingNode,
    holder: state.holder,
    receivedAt: record.receivedAt,
    dueOn: record.dueDate ?? null,
    decidedAt: decided ? record.decidedAt! : null,
    outcome: state.outcome ?? null,
    clock,
    rating: typeof level === 'string' && RATING_LEVELS.has(level) && typeof at === 'string' ? { level: level as RatingLevel, at } : null,
  };
}

/** The month (YYYY-MM) of an instant in the city's time zone. */
export function monthOf(at: string): string {
  return localDate(new Date(at)).slice(0, 7);
}
