import type { MonitorCaseRow, MonitorLight } from './monitor-case-row.js';

/**
 * The aggregates are exact because each is a sum over the case rows of a contribution that depends
 * on that row alone: replacing a row subtracts what the old one added and adds what the new one
 * adds, in the row's transaction. These functions compute that change; the repository writes it.
 */

/** A cell of `monitor_count`: cases by holder node, status and light ('' for none). */
export interface CountDelta {
  node: string;
  status: string;
  light: MonitorLight | '';
  live: boolean;
  n: number;
}

/**
 * A line of `monitor_day`. `received` and `accepted` count at the intake node (acceptance happens
 * at the counter that took the case in), `closed` and `closedLate` at the deciding node, the one
 * accountable for the time limit. Both are fixed at intake, so a case's trend lines never move
 * with its holder: only its own dates change them.
 */
export interface DayDelta {
  node: string;
  day: string;
  received: number;
  accepted: number;
  closed: number;
  closedLate: number;
}

export interface MonitorDelta {
  counts: CountDelta[];
  days: DayDelta[];
}

export const NO_DELTA: MonitorDelta = { counts: [], days: [] };

type Contributing = Pick<MonitorCaseRow, 'holder' | 'status' | 'light' | 'live' | 'intakeNode' | 'decidingNode' | 'receivedOn' | 'acceptedOn' | 'closedOn' | 'closedLate'>;

/** What one row adds to the aggregates (`sign` -1 takes it away). */
export function contribution(row: Contributing, sign: 1 | -1 = 1): MonitorDelta {
  const counts: CountDelta[] = [{ node: row.holder, status: row.status, light: row.light ?? '', live: row.live, n: sign }];
  const days: DayDelta[] = [{ node: row.intakeNode, day: row.receivedOn, received: sign, accepted: 0, closed: 0, closedLate: 0 }];
  if (row.acceptedOn !== null) days.push({ node: row.intakeNode, day: row.acceptedOn, received: 0, accepted: sign, closed: 0, closedLate: 0 });
  if (row.closedOn !== null) days.push({ node: row.decidingNode, day: row.closedOn, received: 0, accepted: 0, closed: sign, closedLate: row.closedLate === true ? sign : 0 });
  return { counts, days };
}

/** The change to the aggregates when `before` (absent for a new case) is replaced by `after`. */
export function monitorDelta<R extends Contributing>(before: R | undefined, after: R): MonitorDelta {
  return sumDeltas(before === undefined ? [contribution(after)] : [contribution(before, -1), contribution(after)]);
}

const countKey = (c: CountDelta): string => `${c.node}\u0000${c.status}\u0000${c.light}`;
const dayKey = (d: DayDelta): string => `${d.node}\u0000${d.day}`;
const byKey = <T>(key: (x: T) => string) => (a: T, b: T): number => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/**
 * Nets several changes: one line per cell, lines that cancel out dropped, sorted by key. Every
 * transaction touches the aggregate rows in that one order, so two of them never wait on each other
 * in a cycle (no deadlock between concurrent applies).
 */
export function sumDeltas(deltas: readonly MonitorDelta[]): MonitorDelta {
  const counts = new Map<string, CountDelta>();
  const days = new Map<string, DayDelta>();
  for (const d of deltas) {
    for (const c of d.counts) {
      const k = countKey(c);
      const seen = counts.get(k);
      if (seen) seen.n += c.n;
      else counts.set(k, { ...c });
    }
    for (const x of d.days) {
      const k = dayKey(x);
      const seen = days.get(k);
      if (seen) {
        seen.received += x.received;
        seen.accepted += x.accepted;
        seen.closed += x.closed;
        seen.closedLate += x.closedLate;
      } else days.set(k, { ...x });
    }
  }
  return {
    counts: [...counts.values()].filter((c) => c.n !== 0).sort(byKey(countKey)),
    days: [...days.values()].filter((x) => x.received !== 0 || x.accepted !== 0 || x.closed !== 0 || x.closedLate !== 0).sort(byKey(dayKey)),
  };
}

/** The fields a reading (light sweep, supervision) changes without a new case version. */
const READING: ReadonlyArray<keyof MonitorCaseRow> = ['light', 'stepLight', 'overdueDays', 'supervisionRound', 'flagged', 'calendarVersion'];

const instant = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** Whether the reading of the same case version differs (lightDueAt compared as an instant, whatever its notation). */
export function readingChanged(stored: MonitorCaseRow, incoming: MonitorCaseRow): boolean {
  return READING.some((f) => stored[f] !== incoming[f]) || instant(stored.lightDueAt) !== instant(incoming.lightDueAt);
}

/**
 * Whether `incoming` replaces what is stored: a later case version, or the same version read
 * differently. An older version, or the same row again, changes nothing (events arrive more than
 * once and out of order between links).
 */
export function supersedes(stored: MonitorCaseRow | undefined, incoming: MonitorCaseRow): boolean {
  if (stored === undefined) return true;
  if (incoming.version !== stored.version) return incoming.version > stored.version;
  return readingChanged(stored, incoming);
}
