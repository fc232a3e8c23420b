import type { WorkingCalendar } from '#libs/calendar';
import { type ClockReading, DEFAULT_STEP_LIMITS, type Light, type LightPolicy, readClock, stepReading } from '#libs/cases';
import type { CaseFile } from './case-file.js';

/** A case's time limit as the holder and the city see it at one moment. */
export interface CaseLights {
  /** The case's light while it is live and its clock runs (or is paused); null before acceptance and once closed. */
  light: Light | null;
  /** The light of the step the case waits in, where that step has its own limit (签收, 受理后待审查, 待送达). */
  stepLight: Light | null;
  stepDeadline: string | null;
  overdueDays: number;
  /** When the stored lights must be evaluated again; null when nothing but an action can change them. */
  nextCheckAt: string | null;
  reading: ClockReading | null;
}

const MAX_PROBE_DAYS = 400;

/** The next local midnight (ISO) after `from` (ISO), in the city's time zone (UTC+8). */
function nextMidnight(fromMs: number): number {
  const local = fromMs + 8 * 3_600_000;
  return Math.floor(local / 86_400_000) * 86_400_000 + 86_400_000 - 8 * 3_600_000;
}

/** The lights at `now`, and the next moment time alone changes one of them (probed midnight by midnight). */
export function lightsOf(file: CaseFile, calendar: WorkingCalendar, now: Date, policy: LightPolicy): CaseLights {
  const at = (t: Date) => evaluate(file, calendar, t, policy);
  const current = at(now);
  let nextCheckAt: string | null = null;
  if (current.live) {
    let t = nextMidnight(now.getTime());
    for (let i = 0; i < MAX_PROBE_DAYS; i++, t = nextMidnight(t)) {
      const later = at(new Date(t));
      if (later.light !== current.light || later.stepLight !== current.stepLight) {
        nextCheckAt = new Date(t).toISOString();
        break;
      }
      // Nothing will change by time alone: a paused clock without a cap and no step limit waiting.
      if (current.reading && current.reading.nextChangeAt === undefined && current.stepDeadline === null) break;
    }
  }
  return { light: current.light, stepLight: current.stepLight, stepDeadline: current.stepDeadline, overdueDays: current.overdueDays, nextCheckAt, reading: current.reading };
}

function evaluate(file: CaseFile, calendar: WorkingCalendar, now: Date, policy: LightPolicy) {
  const { state, record } = file;
  const live = state.outcome === undefined && state.status !== 'withdrawn';
  const reading = record.clock ? readClock(record.clock, calendar, now, policy) : null;
  const limit = DEFAULT_STEP_LIMITS[state.status];
  const step = live && limit !== undefined && record.statusSince ? stepReading(record.statusSince, limit, calendar, now) : null;
  return {
    live,
    light: live && reading ? reading.light : null,
    stepLight: step?.light ?? null,
    stepDeadline: step?.deadline ?? null,
    overdueDays: reading?.overdueDays ?? 0,
    reading,
  };
}
