import type { WorkingCalendar } from '#libs/calendar';
import type { SpecialProcedureKind } from '../actions.js';

/**
 * A case's time limit (限时办结) as a budget and a ledger, never a fixed instant: the committed working
 * days plus approved extensions, the pauses (补正 and 特别程序, art. 45 of the Administrative Licensing
 * Law), who held the case when, and the stop. What the limit means on a given day (days used, the
 * deadline, the light) is read from the ledger with a calendar by `readClock`, so a calendar amendment or
 * a pause moves the deadline without rewriting anything.
 *
 * Every function here is pure and returns a new clock; instants are ISO strings, and each entry must
 * not be earlier than the ledger's last one (a RangeError otherwise).
 */

/** Where a case was while its clock ran: the level of the node holding it, or on its way between two. */
export type ClockLevel = 'township' | 'county' | 'city' | 'in_transit';

export const CLOCK_LEVELS = [
  { code: 'township', zh: '乡镇（街道）', en: 'township' },
  { code: 'county', zh: '县（区）', en: 'county' },
  { code: 'city', zh: '市', en: 'city' },
  { code: 'in_transit', zh: '流转途中', en: 'in transit between centres' },
] as const satisfies readonly { code: ClockLevel; zh: string; en: string }[];

export interface ClockPause {
  kind: 'correction' | 'special_procedure';
  procedure?: SpecialProcedureKind;
  from: string;
  /** Absent while the pause lasts. */
  to?: string;
  /** A legal cap on the working days a special procedure may leave uncounted; days beyond it count again. */
  capDays?: number;
}

/** 延长审批: extra working days, with the reason and who approved them (本行政机关负责人批准, art. 42). */
export interface ClockExtension {
  days: number;
  reason: string;
  approvedBy: string;
  approvedByName: string;
  at: string;
}

/** From `from` on (until the next segment), `node` held the case; `in_transit` while a hand-up travels. */
export interface HoldingSegment {
  from: string;
  node: string;
  level: ClockLevel;
}

export interface CaseClock {
  acceptedAt: string;
  committedDays: number;
  /** The calendar version the clock was last read against (see `recalibrate`). */
  calendarVersion: string;
  pauses: ClockPause[];
  extensions: ClockExtension[];
  holding: HoldingSegment[];
  /** The decision, the non-acceptance or the withdrawal. */
  stoppedAt?: string;
}

function instant(at: string, what: string): number {
  const ms = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what}: ${String(at)} is not an instant`);
  return ms;
}

/** The latest instant the ledger records. */
function lastEntry(c: CaseClock): number {
  const all = [c.acceptedAt, ...c.pauses.flatMap((p) => (p.to === undefined ? [p.from] : [p.from, p.to])), ...c.extensions.map((e) => e.at), ...c.holding.map((h) => h.from)];
  if (c.stoppedAt !== undefined) all.push(c.stoppedAt);
  return Math.max(...all.map((a) => Date.parse(a)));
}

/** Checks that `at` may be entered now: a valid instant, not before the ledger's last entry, on a running clock. */
function entry(c: CaseClock, at: string, what: string): void {
  if (c.stoppedAt !== undefined) throw new RangeError(`${what}: the clock stopped at ${c.stoppedAt}`);
  if (instant(at, what) < lastEntry(c)) throw new RangeError(`${what}: ${at} is earlier than the clock's last entry`);
}

export function openPause(c: CaseClock): ClockPause | undefined {
  const last = c.pauses[c.pauses.length - 1];
  return last !== undefined && last.to === undefined ? last : undefined;
}

/** Acceptance (受理): the clock starts with the committed working days, held by the accepting node. */
export function startClock(at: string, committedDays: number, node: string, level: ClockLevel, calendar: WorkingCalendar): CaseClock {
  instant(at, 'startClock');
  if (!Number.isInteger(committedDays) || committedDays < 0) throw new RangeError(`startClock: ${committedDays} is not a number of working days`);
  return { acceptedAt: at, committedDays, calendarVersion: calendar.version, pauses: [], extensions: [], holding: [{ from: at, node, level }] };
}

/** A correction request (补正) or a special procedure (特别程序) stops the days counting until `resumeClock`. */
export function pauseClock(c: CaseClock, kind: ClockPause['kind'], at: string, opts: { procedure?: SpecialProcedureKind; capDays?: number } = {}): CaseClock {
  entry(c, at, 'pauseClock');
  if (openPause(c) !== undefined) throw new RangeError('pauseClock: the clock is already paused');
  if (opts.capDays !== undefined && (!Number.isInteger(opts.capDays) || opts.capDays < 0)) throw new RangeError(`pauseClock: ${opts.capDays} is not a number of working days`);
  const pause: ClockPause = { kind, from: at };
  if (opts.procedure !== undefined) pause.procedure = opts.procedure;
  if (opts.capDays !== undefined) pause.capDays = opts.capDays;
  return { ...c, pauses: [...c.pauses, pause] };
}

export function resumeClock(c: CaseClock, at: string): CaseClock {
  entry(c, at, 'resumeClock');
  if (openPause(c) === undefined) throw new RangeError('resumeClock: the clock is not paused');
  return { ...c, pauses: closeLast(c.pauses, at) };
}

/** 延长审批: adds approved working days to the budget. The legal ceiling is the case rules' (MAX_EXTENSION_DAYS). */
export function extendClock(c: CaseClock, ext: ClockExtension): CaseClock {
  entry(c, ext.at, 'extendClock');
  if (!Number.isInteger(ext.days) || ext.days < 1) throw new RangeError(`extendClock: ${ext.days} is not a number of working days`);
  return { ...c, extensions: [...c.extensions, { ...ext }] };
}

/** The holder changed: a hand-up leaves the case `in_transit`; the acknowledgement gives it the receiving node's level. */
export function moveClock(c: CaseClock, at: string, node: string, level: ClockLevel): CaseClock {
  entry(c, at, 'moveClock');
  const current = c.holding[c.holding.length - 1];
  if (current !== undefined && current.node === node && current.level === level) return c;
  return { ...c, holding: [...c.holding, { from: at, node, level }] };
}

/** The decision, non-acceptance or withdrawal: the clock stops, closing a pause that was open. */
export function stopClock(c: CaseClock, at: string): CaseClock {
  entry(c, at, 'stopClock');
  const pauses = openPause(c) === undefined ? c.pauses : closeLast(c.pauses, at);
  return { ...c, pauses, stoppedAt: at };
}

/** The same ledger read against another calendar (after an amendment or a local change): only the version recorded changes. */
export function recalibrate(c: CaseClock, calendar: WorkingCalendar): CaseClock {
  return { ...c, calendarVersion: calendar.version };
}

function closeLast(pauses: readonly ClockPause[], at: string): ClockPause[] {
  return pauses.map((p, i) => (i === pauses.length - 1 ? { ...p, to: at } : p));
}
