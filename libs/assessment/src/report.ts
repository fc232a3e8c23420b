import { localDate } from '#libs/cases';
import type { AssessmentFacts } from './facts.js';
import { monthOf } from './facts.js';
import { type Centre, computeFigures } from './figures.js';
import type { LateCase, MonthlyReport, Month, RankedCentre } from './report.types.js';
import { type AssessmentWeights, rank, scoreCentre } from './scoring.js';

export interface ReportInput {
  month: Month;
  centres: readonly Centre[];
  facts: AssessmentFacts;
  weights: AssessmentWeights;
  weightsVersion: number;
  /** Last month's ranks and indexes by node (its frozen report when closed). */
  previous?: ReadonlyMap<string, { rank: number; index: number }>;
  status: MonthlyReport['status'];
  closedAt: string | null;
  generatedAt: string;
}

/** The cases decided late in the month, most days overdue first. */
export function lateCasesOf(month: Month, facts: AssessmentFacts): LateCase[] {
  return facts.cases
    .filter((c) => c.decidedAt !== null && monthOf(c.decidedAt) === month && c.clock?.late === true)
    .map((c) => ({
      caseNumber: c.caseNumber,
      itemName: c.itemName,
      decidingNode: c.decidingNode,
      holder: c.holder,
      dueOn: c.dueOn ?? '',
      closedOn: localDate(new Date(c.decidedAt!)),
      overdueDays: c.clock!.overdueDays,
    }))
    .sort((a, b) => b.overdueDays - a.overdueDays || (a.caseNumber < b.caseNumber ? -1 : 1));
}

/**
 * The month's report: every centre's figures and index; the counties ranked among themselves, each
 * county's townships among themselves; the city's own centre scored but not ranked; the late cases.
 */
export function buildReport(input: ReportInput): MonthlyReport {
  const figures = computeFigures(input.month, input.centres, input.facts);
  const scored = figures.map((f) => ({ figures: f, ...scoreCentre(f, input.weights) }));
  const previous = input.previous ?? new Map();
  const counties = rank(scored.filter((s) => s.figures.tier === 'county'), previous);
  const townships = counties.map((c) => ({
    county: c.figures.node,
    countyName: c.figures.name,
    ranked: rank(scored.filter((s) => s.figures.tier === 'township' && s.figures.county === c.figures.node), previous),
  }));
  // Townships directly under the city have no county to be ranked in: they are ranked among themselves.
  const cityCode = input.centres.find((c) => c.tier === 'city')?.code;
  const direct = scored.filter((s) => s.figures.tier === 'township' && s.figures.county === cityCode);
  if (direct.length > 0 && cityCode) {
    const cityCentre = input.centres.find((c) => c.code === cityCode)!;
    townships.push({ county: cityCode, countyName: cityCentre.name, ranked: rank(direct, previous) });
  }
  const city = scored.find((s) => s.figures.tier === 'city');
  const cityRanked: RankedCentre | null = city ? { ...city, rank: 1, previousRank: null, previousIndex: previous.get(city.figures.node)?.index ?? null } : null;
  return {
    month: input.month,
    status: input.status,
    closedAt: input.closedAt,
    weightsVersion: input.weightsVersion,
    generatedAt: input.generatedAt,
    counties,
    townships,
    city: cityRanked,
    lateCases: lateCasesOf(input.month, input.facts),
  };
}

/** Each ranked centre's rank and index, by node: what the next month compares itself with. */
export function ranksOf(report: MonthlyReport): Map<string, { rank: number; index: number }> {
  const out = new Map<string, { rank: number; index: number }>();
  for (const c of [...report.counties, ...report.townships.flatMap((t) => t.ranked)]) out.set(c.figures.node, { rank: c.rank, index: c.index });
  if (report.city) out.set(report.city.figures.node, { rank: report.city.rank, index: report.city.index });
  return out;
}

/** The month after `month`. */
export function nextMonth(month: Month): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month before `month`. */
export function previousMonth(month: Month): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
