import { localDate } from '#libs/cases';
import type { AssessmentFacts } from './facts.js';
import { monthOf } from './facts.js';
import type { CentreFigures, CentreTier, Month } from './report.types.js';

/** The last day (YYYY-MM-DD) of a month (YYYY-MM). */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export interface Centre {
  code: string;
  name: string;
  tier: CentreTier;
  parent?: string;
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function empty(c: Centre, month: Month): CentreFigures {
  return {
    node: c.code,
    name: c.name,
    tier: c.tier,
    county: c.tier === 'township' ? (c.parent ?? null) : null,
    month,
    received: 0,
    decided: 0,
    onTime: 0,
    late: 0,
    onTimeRate: null,
    avgDaysUsed: null,
    avgDaysCommitted: null,
    ratings: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    ratingsTotal: 0,
    poorShare: null,
    rectificationsOpened: 0,
    rectificationsAnsweredInTime: 0,
    rectificationsDue: 0,
    ordersReceived: 0,
    ordersAnsweredInTime: 0,
    ordersDue: 0,
    ordersFlagged: 0,
    complaintsReceived: 0,
    complaintsUpheld: 0,
  };
}

/**
 * Every centre's figures for `month` (YYYY-MM, the city's time zone), from the facts alone:
 * - received: cases taken in at the centre's counter that month;
 * - decided, on time, late, days used and committed: cases the centre decides that reached their
 *   outcome that month (on time and late only for those with a clock);
 * - ratings: given that month, on cases the centre decides;
 * - rectification items opened at the centre that month, those answered by their due date, and those
 *   that can be judged at the month's end (answered, or due by then);
 * - supervision orders addressed to the centre that month, those answered by their date, those that
 *   can be judged at the month's end, and those flagged;
 * - complaints against the centre received that month, and those upheld.
 * Facts about nodes outside `centres` are ignored. The result is in the order of `centres`.
 */
export function computeFigures(month: Month, centres: readonly Centre[], facts: AssessmentFacts): CentreFigures[] {
  const by = new Map(centres.map((c) => [c.code, empty(c, month)]));
  // An item or order not answered and due only after the month's end cannot be judged late in it.
  const lastDay = lastDayOf(month);
  const sums = new Map<string, { used: number; committed: number; n: number }>();
  for (const c of facts.cases) {
    const intake = by.get(c.intakeNode);
    if (intake && monthOf(c.receivedAt) === month) intake.received++;
    const decider = by.get(c.decidingNode);
    if (!decider) continue;
    if (c.decidedAt !== null && monthOf(c.decidedAt) === month) {
      decider.decided++;
      if (c.clock) {
        if (c.clock.late) decider.late++;
        else decider.onTime++;
        const s = sums.get(decider.node) ?? { used: 0, committed: 0, n: 0 };
        s.used += c.clock.usedDays;
        s.committed += c.clock.committedDays;
        s.n++;
        sums.set(decider.node, s);
      }
    }
    if (c.rating && monthOf(c.rating.at) === month) {
      decider.ratings[c.rating.level]++;
      decider.ratingsTotal++;
    }
  }
  for (const r of facts.rectifications) {
    const f = by.get(r.node);
    if (!f || monthOf(r.openedAt) !== month) continue;
    f.rectificationsOpened++;
    if (r.answeredAt !== null || r.dueOn <= lastDay) f.rectificationsDue++;
    if (r.answeredAt !== null && localDate(new Date(r.answeredAt)) <= r.dueOn) f.rectificationsAnsweredInTime++;
  }
  for (const o of facts.orders) {
    const f = by.get(o.holder);
    if (!f || monthOf(o.issuedAt) !== month) continue;
    f.ordersReceived++;
    if (o.answeredAt !== null || o.answerBy <= lastDay) f.ordersDue++;
    if (o.answeredAt !== null && localDate(new Date(o.answeredAt)) <= o.answerBy) f.ordersAnsweredInTime++;
    if (o.flagged) f.ordersFlagged++;
  }
  for (const c of facts.complaints) {
    const f = by.get(c.againstNode);
    if (!f || monthOf(c.receivedAt) !== month) continue;
    f.complaintsReceived++;
    if (c.outcome === 'upheld') f.complaintsUpheld++;
  }
  for (const f of by.values()) {
    const timed = f.onTime + f.late;
    f.onTimeRate = timed === 0 ? null : round(f.onTime / timed, 4);
    const s = sums.get(f.node);
    if (s) {
      f.avgDaysUsed = round(s.used / s.n, 2);
      f.avgDaysCommitted = round(s.committed / s.n, 2);
    }
    f.poorShare = f.ratingsTotal === 0 ? null : round((f.ratings['4'] + f.ratings['5']) / f.ratingsTotal, 4);
  }
  return centres.map((c) => by.get(c.code)!);
}

export interface FigureDifference {
  node: string;
  field: string;
  stored: unknown;
  recomputed: unknown;
}

/** Where two sets of figures of the same centres differ, field by field (a centre missing on one side is one difference). */
export function figureDifferences(stored: readonly CentreFigures[], recomputed: readonly CentreFigures[]): FigureDifference[] {
  const out: FigureDifference[] = [];
  const other = new Map(recomputed.map((f) => [f.node, f]));
  for (const a of stored) {
    const b = other.get(a.node);
    other.delete(a.node);
    if (!b) {
      out.push({ node: a.node, field: '*', stored: 'present', recomputed: 'missing' });
      continue;
    }
    for (const field of Object.keys(a) as Array<keyof CentreFigures>) {
      if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) out.push({ node: a.node, field, stored: a[field], recomputed: b[field] });
    }
  }
  for (const b of other.values()) out.push({ node: b.node, field: '*', stored: 'missing', recomputed: 'present' });
  return out;
}
