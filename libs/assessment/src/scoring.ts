import type { CentreFigures, RankedCentre, ScorePart } from './report.types.js';

/** The weight of each part of the efficiency index, in percent; they sum to 100. */
export interface AssessmentWeights {
  onTime: number;
  speed: number;
  satisfaction: number;
  supervision: number;
  rectification: number;
  complaints: number;
}

export const WEIGHT_PARTS = [
  { code: 'onTime', zh: '按时办结率', en: 'decided on time' },
  { code: 'speed', zh: '提速（实际用时占承诺时限）', en: 'speed (days used against the committed limit)' },
  { code: 'satisfaction', zh: '群众满意度', en: 'applicant satisfaction' },
  { code: 'supervision', zh: '督办响应', en: 'supervision orders answered' },
  { code: 'rectification', zh: '整改及时率', en: 'rectifications answered in time' },
  { code: 'complaints', zh: '有效投诉', en: 'complaints upheld' },
] as const satisfies ReadonlyArray<{ code: keyof AssessmentWeights; zh: string; en: string }>;

export const DEFAULT_WEIGHTS: AssessmentWeights = { onTime: 35, speed: 15, satisfaction: 25, supervision: 10, rectification: 5, complaints: 10 };

/** Each flagged order (监察建议) takes this much off the supervision part. */
export const FLAG_PENALTY = 25;
/** Each upheld complaint takes this much off the complaints part. */
export const UPHELD_PENALTY = 20;

const round2 = (x: number): number => Math.round(x * 100) / 100;
const clamp = (x: number): number => Math.min(100, Math.max(0, x));

/** The problems of a set of weights, in English (empty when they are valid). */
export function weightProblems(w: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const p of WEIGHT_PARTS) {
    const v = w[p.code];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100) problems.push(`${p.code} must be a whole number from 0 to 100`);
  }
  const unknown = Object.keys(w).filter((k) => !WEIGHT_PARTS.some((p) => p.code === k));
  if (unknown.length > 0) problems.push(`unknown parts: ${unknown.join(', ')}`);
  const sum = WEIGHT_PARTS.reduce((n, p) => n + (typeof w[p.code] === 'number' ? (w[p.code] as number) : 0), 0);
  if (problems.length === 0 && sum !== 100) problems.push(`the weights must sum to 100, not ${sum}`);
  return problems;
}

/**
 * The parts' values and scores (0-100) of one centre: a part with nothing to measure scores full
 * marks, since nothing went wrong.
 * - onTime: the on-time rate × 100.
 * - speed: the share of the committed limit used on average; 100 × (1 − share), at least 0.
 * - satisfaction: 1 − the share of poor ratings (不满意, 非常不满意); × 100.
 * - supervision: the share of the orders that can be judged (answered, or due by the month's end)
 *   answered in time × 100, less FLAG_PENALTY per flagged order.
 * - rectification: the same share of the items × 100.
 * - complaints: 100 less UPHELD_PENALTY per upheld complaint, at least 0.
 */
export function scoreParts(f: CentreFigures, w: AssessmentWeights): ScorePart[] {
  const share = (n: number, of: number): number | null => (of === 0 ? null : n / of);
  const speedValue = f.avgDaysUsed !== null && f.avgDaysCommitted !== null && f.avgDaysCommitted > 0 ? f.avgDaysUsed / f.avgDaysCommitted : null;
  const answered = share(f.ordersAnsweredInTime, f.ordersDue);
  const raw: Record<keyof AssessmentWeights, { value: number | null; score: number }> = {
    onTime: { value: f.onTimeRate, score: f.onTimeRate === null ? 100 : 100 * f.onTimeRate },
    speed: { value: speedValue, score: speedValue === null ? 100 : 100 * (1 - speedValue) },
    satisfaction: { value: f.poorShare === null ? null : 1 - f.poorShare, score: f.poorShare === null ? 100 : 100 * (1 - f.poorShare) },
    supervision: { value: answered, score: (answered === null ? 100 : 100 * answered) - FLAG_PENALTY * f.ordersFlagged },
    rectification: { value: share(f.rectificationsAnsweredInTime, f.rectificationsDue), score: f.rectificationsDue === 0 ? 100 : (100 * f.rectificationsAnsweredInTime) / f.rectificationsDue },
    complaints: { value: f.complaintsUpheld, score: 100 - UPHELD_PENALTY * f.complaintsUpheld },
  };
  return WEIGHT_PARTS.map((p) => {
    const score = round2(clamp(raw[p.code].score));
    const value = raw[p.code].value;
    return { code: p.code, labelZh: p.zh, labelEn: p.en, value: value === null ? null : Math.round(value * 10000) / 10000, score, weight: w[p.code], points: round2((score * w[p.code]) / 100) };
  });
}

/** The index (0-100, two decimals) and its parts. */
export function scoreCentre(f: CentreFigures, w: AssessmentWeights): { index: number; parts: ScorePart[] } {
  const parts = scoreParts(f, w);
  return { index: round2(parts.reduce((n, p) => n + p.points, 0)), parts };
}

/**
 * Ranks centres scored together, best index first; equal indexes share a rank (1, 2, 2, 4) and are
 * listed by node code. `previous` holds last month's rank and index by node.
 */
export function rank(scored: ReadonlyArray<{ figures: CentreFigures; index: number; parts: ScorePart[] }>, previous: ReadonlyMap<string, { rank: number; index: number }> = new Map()): RankedCentre[] {
  const sorted = [...scored].sort((a, b) => b.index - a.index || (a.figures.node < b.figures.node ? -1 : 1));
  let rankNow = 0;
  return sorted.map((s, i) => {
    if (i === 0 || s.index !== sorted[i - 1]!.index) rankNow = i + 1;
    const prev = previous.get(s.figures.node);
    return { ...s, rank: rankNow, previousRank: prev?.rank ?? null, previousIndex: prev?.index ?? null };
  });
}
