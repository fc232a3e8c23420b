import { addDays, type WorkingCalendar } from '#libs/calendar';
import { localDate, localMidnight } from '../due-date.js';
import { openPause, type CaseClock, type ClockLevel } from './clock.js';

/** Yellow when the days left are at most `yellowDaysLeft`, or the share of the budget used is at least `yellowShareUsed`. */
export interface LightPolicy {
  yellowDaysLeft: number;
  yellowShareUsed: number;
}

export const DEFAULT_LIGHT_POLICY: LightPolicy = { yellowDaysLeft: 2, yellowShareUsed: 0.8 };

export type Light = 'green' | 'yellow' | 'red';

export const LIGHTS = [
  { code: 'green', zh: '绿灯（正常）', en: 'green: in time' },
  { code: 'yellow', zh: '黄灯（预警）', en: 'yellow: close to the deadline' },
  { code: 'red', zh: '红灯（超期）', en: 'red: past the deadline' },
] as const satisfies readonly { code: Light; zh: string; en: string }[];

export interface ClockReading {
  /** committedDays + extensionDays. */
  budgetDays: number;
  /** Counted working days after the day of acceptance, up to today (or the stop day). */
  usedDays: number;
  /** budgetDays - usedDays: negative once the case is overdue (then overdueDays = -remainingDays). */
  remainingDays: number;
  /** Working days a pause left uncounted, up to today (or the stop day). */
  pausedDays: number;
  extensionDays: number;
  /**
   * The last working day allowed, YYYY-MM-DD: the last working day before the (budget + 1)-th counted
   * day. It moves with pauses and extensions; an open pause is taken to end today (or, on a day off, on
   * the next working day, so that a pause over a weekend does not turn the light red and back).
   */
  deadline: string;
  paused: boolean;
  stopped: boolean;
  /** Counted working days past the budget (usedDays - budgetDays), 0 if none. */
  overdueDays: number;
  /** red: today (or the stop day) is after the deadline; yellow per the policy; else green. */
  light: Light;
  /** The counted days split between the levels that held the case on them; sums to usedDays. */
  byLevel: Record<ClockLevel, number>;
  /**
   * The next local midnight (ISO instant) at which usedDays or the light can change by time alone;
   * undefined when stopped, or during an open pause without a cap (only resuming changes anything then).
   */
  nextChangeAt?: string;
  /** The calendar version this reading used. */
  calendarVersion: string;
  /** Some counted or future day up to the deadline lies in a provisional year (no published notice). */
  provisional: boolean;
}

/** Working days d with from < d <= to that a pause leaves uncounted. */
interface Uncounted {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const midnight = localMidnight;
const dateOf = (iso: string): string => localDate(new Date(iso));
const maxDate = (a: string, b: string): string => (a > b ? a : b);
const minDate = (a: string, b: string): string => (a < b ? a : b);

/**
 * The working days each pause leaves uncounted: from its start day (exclusive) to its end day, an open
 * pause ending on `openEnd`; a capped one only its first `capDays` working days.
 */
function uncountedStretches(c: CaseClock, calendar: WorkingCalendar, openEnd: string): Uncounted[] {
  const out: Uncounted[] = [];
  for (const p of c.pauses) {
    const from = dateOf(p.from);
    let to = p.to === undefined ? openEnd : dateOf(p.to);
    if (p.capDays !== undefined) to = minDate(to, calendar.addWorkingDays(from, p.capDays));
    if (to > from) out.push({ from, to });
  }
  return out;
}

class Ledger {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly stretches: readonly Uncounted[],
  ) {}

  uncounted(from: string, to: string): number {
    let n = 0;
    for (const s of this.stretches) n += this.calendar.workingDaysBetween(maxDate(from, s.from), minDate(to, s.to));
    return n;
  }

  /** Counted days d with from < d <= to. */
  counted(from: string, to: string): number {
    return this.calendar.workingDaysBetween(from, to) - this.uncounted(from, to);
  }

  isCounted(day: string): boolean {
    return this.calendar.isWorkingDay(day) && !this.stretches.some((s) => day > s.from && day <= s.to);
  }

  /** The n-th counted day after `from`. */
  nthCounted(from: string, n: number): string {
    let skipped = 0;
    for (;;) {
      const day = this.calendar.addWorkingDays(from, n + skipped);
      const k = this.uncounted(from, day);
      if (k === skipped) return day;
      skipped = k;
    }
  }

  /** The last working day allowed: the last working day before the (budget + 1)-th counted day, never before acceptance. */
  deadline(accepted: string, budget: number): string {
    return maxDate(accepted, this.calendar.subtractWorkingDays(this.nthCounted(accepted, budget + 1), 1));
  }
}

function emptyByLevel(): Record<ClockLevel, number> {
  return { township: 0, county: 0, city: 0, in_transit: 0 };
}

/**
 * Splits the counted days (accepted < d <= last) between the levels: a day wholly inside one holding
 * segment goes to its level; a day in which the holder changed, or the last day, is split by the share of
 * its live time (local midnight to midnight, up to `endMs`) each level held the case.
 */
function attribute(c: CaseClock, ledger: Ledger, accepted: string, last: string, endMs: number): Record<ClockLevel, number> {
  const out = emptyByLevel();
  if (last <= accepted) return out;
  const segs = c.holding.map((h) => ({ at: Date.parse(h.from), level: h.level }));
  const levelAt = (ms: number): ClockLevel => {
    let level = segs[0]!.level;
    for (const s of segs) if (s.at <= ms) level = s.level;
    return level;
  };
  const splitDays = [...new Set([...segs.slice(1).map((s) => localDate(new Date(s.at))).filter((d) => d > accepted && d < last), last])].sort();
  let prev = accepted;
  for (const day of splitDays) {
    const before = addDays(day, -1);
    if (before > prev) out[levelAt(midnight(addDays(prev, 1)))] += ledger.counted(prev, before);
    if (ledger.isCounted(day)) {
      const start = midnight(day);
      const end = Math.min(start + DAY_MS, endMs);
      if (end <= start) out[levelAt(start)] += 1;
      else {
        const shares = new Map<ClockLevel, number>();
        segs.forEach((s, i) => {
          const from = Math.max(s.at, start);
          const to = Math.min(segs[i + 1]?.at ?? Infinity, end);
          if (to > from) shares.set(s.level, (shares.get(s.level) ?? 0) + (to - from) / (end - start));
        });
        // The last share takes what rounding left, so that every counted day adds exactly 1.
        const entries = [...shares.entries()];
        let rest = 1;
        entries.forEach(([level, share], i) => {
          const part = i === entries.length - 1 ? rest : share;
          out[level] += part;
          rest -= part;
        });
      }
    }
    prev = day;
  }
  return out;
}

/**
 * What the clock says at `now` on `calendar`: days used and left, the deadline, the light, the days per
 * level and when to look again. Day granularity, as the law counts (art. 42, 45, 82 行政许可法): the day
 * of acceptance is not counted; a pause from day P1 to day P2 leaves the working days P1 < d <= P2
 * uncounted; a decision on the deadline day is in time.
 */
export function readClock(c: CaseClock, calendar: WorkingCalendar, now: Date, policy: LightPolicy = DEFAULT_LIGHT_POLICY): ClockReading {
  const accepted = dateOf(c.acceptedAt);
  const today = localDate(now);
  const stopped = c.stoppedAt !== undefined;
  const last = stopped ? minDate(today, dateOf(c.stoppedAt!)) : today;
  const open = openPause(c);
  const resumeDay = calendar.isWorkingDay(today) ? today : calendar.addWorkingDays(today, 1);
  const ledger = new Ledger(calendar, uncountedStretches(c, calendar, resumeDay));

  const extensionDays = c.extensions.reduce((n, e) => n + e.days, 0);
  const budgetDays = c.committedDays + extensionDays;
  const usedDays = ledger.counted(accepted, last);
  const pausedDays = ledger.uncounted(accepted, last);
  const remainingDays = budgetDays - usedDays;
  const deadline = ledger.deadline(accepted, budgetDays);
  const light = lightOf(last, deadline, usedDays, budgetDays, policy);

  const endMs = stopped ? Math.min(now.getTime(), Date.parse(c.stoppedAt!)) : now.getTime();
  const byLevel = attribute(c, ledger, accepted, last, endMs);

  let provisional = false;
  const through = maxDate(last, deadline);
  for (let y = Number(addDays(accepted, 1).slice(0, 4)); y <= Number(through.slice(0, 4)) && !provisional; y += 1) provisional = calendar.yearIsProvisional(y);

  const reading: ClockReading = {
    budgetDays,
    usedDays,
    remainingDays,
    pausedDays,
    extensionDays,
    deadline,
    paused: open !== undefined,
    stopped,
    overdueDays: Math.max(0, -remainingDays),
    light,
    byLevel,
    calendarVersion: calendar.version,
    provisional,
  };
  if (!stopped) {
    const next = nextChange(c, calendar, maxDate(today, accepted), deadline, budgetDays);
    if (next !== undefined) reading.nextChangeAt = new Date(midnight(next)).toISOString();
  }
  return reading;
}

function lightOf(last: string, deadline: string, used: number, budget: number, policy: LightPolicy): Light {
  if (last > deadline) return 'red';
  const share = budget === 0 ? 1 : used / budget;
  return budget - used <= policy.yellowDaysLeft || share >= policy.yellowShareUsed ? 'yellow' : 'green';
}

/**
 * The first day after `today` at which usedDays or the light can change: the next counted working day
 * (usedDays grows, and with it yellow), or the day after the deadline (red). During an open pause nothing
 * counts until it ends, unless a cap runs out first: then the days after the cap count again.
 */
function nextChange(c: CaseClock, calendar: WorkingCalendar, today: string, deadline: string, budget: number): string | undefined {
  const open = openPause(c);
  let counting = calendar.addWorkingDays(today, 1);
  let finalDeadline = deadline;
  if (open !== undefined) {
    if (open.capDays === undefined) return undefined;
    const capEnd = calendar.addWorkingDays(dateOf(open.from), open.capDays);
    if (capEnd > today) {
      counting = calendar.addWorkingDays(capEnd, 1);
      finalDeadline = new Ledger(calendar, uncountedStretches(c, calendar, capEnd)).deadline(dateOf(c.acceptedAt), budget);
    }
  }
  return finalDeadline >= today ? minDate(counting, addDays(finalDeadline, 1)) : counting;
}
