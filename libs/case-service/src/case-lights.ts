import { addDays, type WorkingCalendar } from '#libs/calendar';
import { type ClockReading, DEFAULT_STEP_LIMITS, type Light, type LightPolicy, localDate, localMidnight, readClock, stepReading } from '#libs/cases';
import type { CaseFile } from './case-file.js';

/** A case's time limit as the holder and the city see it at one moment. */
export interface CaseLights {
  /** The case's light while it is live and its clock runs (or is paused); null before acceptance and once closed. */
  light: Light | null;
  /** The light of the step the case waits in, where that step has its own limit (签收, 受理后待审查, 待送达). */
  stepLight: Light | null;
  stepDeadline: string | null;
  overdueDays: number;
  /**
   * When the stored reading must be evaluated again: the first local midnight after now at which time
   * alone changes the light, the days overdue, the step's light, or (paused) the deadline; null when
   * only an action can.
   */
  nextCheckAt: string | null;
  reading: ClockReading | null;
}

/** Whether the case is still open: no outcome and not withdrawn. */
export function isLive(file: CaseFile): boolean {
  return file.state.outcome === undefined && file.state.status !== 'withdrawn';
}

/**
 * The lights at `now`, and when to look again, computed directly: the clock's own next change (the
 * next counted working day, or the day after its deadline) and the step's two moments (yellow on its
 * deadline day, red the day after).
 */
export function lightsOf(file: CaseFile, calendar: WorkingCalendar, now: Date, policy: LightPolicy): CaseLights {
  const { state, record } = file;
  const live = isLive(file);
  const reading = record.clock ? readClock(record.clock, calendar, now, policy) : null;
  const limit = DEFAULT_STEP_LIMITS[state.status];
  const step = live && limit !== undefined && record.statusSince ? stepReading(record.statusSince, limit, calendar, now) : null;
  const moments: number[] = [];
  if (live) {
    if (reading?.nextChangeAt !== undefined) moments.push(Date.parse(reading.nextChangeAt));
    if (step) moments.push(localMidnight(step.deadline), localMidnight(addDays(step.deadline, 1)));
    // While paused, the deadline moves on with every working day the pause lasts.
    if (reading?.paused) moments.push(localMidnight(addDays(localDate(now), 1)));
  }
  const next = moments.filter((t) => t > now.getTime() && localDate(new Date(t)) > localDate(now)).sort((a, b) => a - b)[0];
  return {
    light: live && reading ? reading.light : null,
    stepLight: step?.light ?? null,
    stepDeadline: step?.deadline ?? null,
    overdueDays: reading?.overdueDays ?? 0,
    nextCheckAt: next === undefined ? null : new Date(next).toISOString(),
    reading,
  };
}
