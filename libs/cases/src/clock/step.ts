import type { WorkingCalendar } from '#libs/calendar';
import { localDate } from '../due-date.js';
import type { CaseStatus } from '../statuses.js';
import type { Light } from './reading.js';

/**
 * Per-step limits in working days, beside the case's own clock: how long a case may wait in a status
 * before the step itself is late. A hand-up is acknowledged within 1 working day; a case acknowledged at
 * a new holder is taken up within 2; a result on its way down is acknowledged within 1 and delivered within 3.
 */
export const DEFAULT_STEP_LIMITS: Partial<Record<CaseStatus, number>> = {
  in_transit_up: 1,
  accepted: 2,
  result_in_transit_down: 1,
  awaiting_delivery: 3,
};

/**
 * A step started at `startedAt` with `limitDays` working days (the start day not counted): its
 * deadline, and its light today: green before the deadline day, yellow on it, red after it, with the
 * working days past it.
 */
export function stepReading(startedAt: string, limitDays: number, calendar: WorkingCalendar, now: Date): { deadline: string; light: Light; overdueDays: number } {
  const started = Date.parse(startedAt);
  if (Number.isNaN(started)) throw new RangeError(`stepReading: ${startedAt} is not an instant`);
  const deadline = calendar.addWorkingDays(localDate(new Date(started)), limitDays);
  const today = localDate(now);
  const light: Light = today > deadline ? 'red' : today === deadline ? 'yellow' : 'green';
  return { deadline, light, overdueDays: calendar.workingDaysBetween(deadline, today) };
}
