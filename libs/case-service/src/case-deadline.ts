import type { WorkingCalendar } from '#libs/calendar';
import { type CaseClock, DEFAULT_STEP_LIMITS, readClock, recalibrate, stepReading } from '#libs/cases';
import type { CaseFile } from './case-file.js';

/** The clock of a live copy whose deadline still runs: accepted, no outcome, not stopped. */
function runningClock(file: CaseFile): CaseClock | undefined {
  const clock = file.record.clock;
  return clock && clock.stoppedAt === undefined && file.state.outcome === undefined ? clock : undefined;
}

/**
 * A copy's due date read on this node's calendar: the clock records the calendar's version and the due
 * date follows from the clock. The due date is derived, never a step: a copy another node sent keeps
 * its state and ledger, and this node reads its deadline with its own calendar.
 */
export function withDeadline(file: CaseFile, calendar: WorkingCalendar, now: Date): CaseFile {
  const clock = runningClock(file);
  if (!clock) return file;
  const c = recalibrate(clock, calendar);
  return { state: file.state, record: { ...file.record, clock: c, dueDate: readClock(c, calendar, now).deadline } };
}

export interface AmendedCopy {
  file: CaseFile;
  /** The deadline read on the calendar before and after, when the amendment moved it. */
  moved?: { from: string; to: string };
  /** What the stored lights and the followers of the case read may have changed: deadline, days used or paused, the next change, a step's deadline. */
  changed: boolean;
}

/**
 * A live copy after a calendar amendment: the same ledger read on `after` instead of `before`. Undefined
 * for a copy without a running clock (nothing to recompute). Reading it again on the same calendar
 * changes nothing (`changed` false, no `moved`).
 */
export function amendCopy(file: CaseFile, before: WorkingCalendar, after: WorkingCalendar, now: Date): AmendedCopy | undefined {
  const clock = runningClock(file);
  if (!clock) return undefined;
  const was = readClock(clock, before, now);
  const c = recalibrate(clock, after);
  const is = readClock(c, after, now);
  const limit = DEFAULT_STEP_LIMITS[file.state.status];
  const since = file.record.statusSince;
  const stepDeadline = (calendar: WorkingCalendar) => (limit !== undefined && since ? stepReading(since, limit, calendar, now).deadline : null);
  const changed =
    file.record.dueDate !== is.deadline ||
    was.deadline !== is.deadline ||
    was.usedDays !== is.usedDays ||
    was.pausedDays !== is.pausedDays ||
    was.nextChangeAt !== is.nextChangeAt ||
    stepDeadline(before) !== stepDeadline(after);
  const amended: CaseFile = { state: file.state, record: { ...file.record, clock: c, dueDate: is.deadline } };
  return { file: amended, changed, ...(was.deadline !== is.deadline ? { moved: { from: was.deadline, to: is.deadline } } : {}) };
}
