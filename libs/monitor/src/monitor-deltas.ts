import type { MonitorCaseRow, MonitorLight } from './monitor-case-row.js';

/**
 * The aggregates are exact because each is a sum over the case rows of a contribution that depends
 * on that row alone: replacing a row subtracts what the old one added and adds what the new one
 * adds, in the row's transaction. These functions compute that change; the repository writes it.
 */

/** A cell of `monitor_count` (cases by holder node, status and light, '' for none) or of `monitor_area_count` (node = the area). */
export interface CountDelta {
  node: string;
  status: string;
  light: MonitorLight | '';
  live: boolean;
  n: number;
}

/** A line of `monitor_node_count`: one holder node's cases, live and closed, and its live ones by light. */
export interface NodeDelta {
  node: string;
  live: number;
  closed: number;
  green: number;
  yellow: number;
  red: number;
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
  /** The same cells summed by area (`node` is the area's code): the network's figures read some 40 areas, not 1,000 nodes. */
  areas: CountDelta[];
  nodes: NodeDelta[];
  days: DayDelta[];
}

/**
 * The county-level area a node belongs to: a county or city is its own, a township its county's, or
 * the city's when it has no county (digits 5-6 are 00). The SQL in `recount` says the same.
 */
export function areaOf(node: string): string {
  return node.slice(4, 6) === '00' ? `${node.slice(0, 4)}00000000` : `${node.slice(0, 6)}000000`;
}

type Contributing = Pick<MonitorCaseRow, 'holder' | 'status' | 'light' | 'live' | 'intakeNode' | 'decidingNode' | 'receivedOn' | 'acceptedOn' | 'closedOn' | 'closedLate'>;

/** What one row adds to the aggregates (`sign` -1 takes it away). */
export function contribution(row: Contributing, sign: 1 | -1 = 1): MonitorDelta {
  const cell: CountDelta = { node: row.holder, status: row.status, light: row.light ?? '', live: row.live, n: sign };
  const lit = (l: MonitorLight): number => (row.light === l ? sign : 0);
  const days: DayDelta[] = [{ node: row.intakeNode, day: row.receivedOn, received: sign, accepted: 0, closed: 0, closedLate: 0 }];
  if (row.acceptedOn !== null) days.push({ node: row.intakeNode, day: row.acceptedOn, received: 0, accepted: sign, closed: 0, closedLate: 0 });
  if (row.closedOn !== null) days.push({ node: row.decidingNode, day: row.closedOn, received: 0, accepted: 0, closed: sign, closedLate: row.closedLate === true ? sign : 0 });
  return {
    counts: [cell],
    areas: [{ ...cell, node: areaOf(row.holder) }],
    nodes: [{ node: row.holder, live: row.live ? sign : 0, closed: row.live ? 0 : sign, green: lit('green'), yellow: lit('yellow'), red: lit('red') }],
    days,
  };
}

/** The change to the aggregates when `before` (absent for a new case) is replaced by `after`. */
export function monitorDelta<R extends Contributing>(before: R | undefined, after: R): MonitorDelta {
  return sumDeltas(before === undefined ? [contribution(after)] : [contribution(before, -1), contribution(after)]);
}

/** Lines with the same key summed, lines at zero dropped, the rest sorted by key. */
function net<T extends object>(lines: readonly T[], key: (x: T) => string, counters: ReadonlyArray<keyof T>): T[] {
  const byKey = new Map<string, T>();
  for (const line of lines) {
    const k = key(line);
    const seen = byKey.get(k);
    if (seen === undefined) byKey.set(k, { ...line });
    else for (const c of counters) (seen as Record<keyof T, number>)[c] += line[c] as number;
  }
  return [...byKey.entries()]
    .filter(([, x]) => counters.some((c) => x[c] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, x]) => x);
}

const cellKey = (c: CountDelta): string => `${c.node}\u0000${c.status}\u0000${c.light}`;

/**
 * Nets several changes: one line per key, lines that cancel out dropped, sorted by key. Every
 * transaction touches the aggregate rows in that one order (and the tables in one order), so two of
 * them never wait on each other in a cycle: no deadlock between concurrent applies.
 */
export function sumDeltas(deltas: readonly MonitorDelta[]): MonitorDelta {
  return {
    counts: net(deltas.flatMap((d) => d.counts), cellKey, ['n']),
    areas: net(deltas.flatMap((d) => d.areas), cellKey, ['n']),
    nodes: net(deltas.flatMap((d) => d.nodes), (x) => x.node, ['live', 'closed', 'green', 'yellow', 'red']),
    days: net(deltas.flatMap((d) => d.days), (x) => `${x.node}\u0000${x.day}`, ['received', 'accepted', 'closed', 'closedLate']),
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
