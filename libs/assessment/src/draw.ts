import { createHash } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { areaOf } from '#libs/monitor';

/**
 * The random follow-up draw (抽查回访), as plain functions an auditor can run again: the same seed and
 * the same candidates always give the same cases.
 *
 * - Strata are county-level areas (`areaOf` of the deciding node: a township is in its county's, the
 *   city's own nodes are one stratum).
 * - Every stratum with a candidate gets one case; the rest of the sample is shared in proportion to
 *   stratum size by largest remainder, never more than a stratum has. When there are more strata than
 *   the sample size, representation wins: every stratum still gets one.
 * - Within a stratum the candidates are sorted by case number, and k of them chosen by a partial
 *   Fisher-Yates shuffle driven by xoroshiro128+ (pure-rand), seeded with the first 128 bits of
 *   SHA-256(`<seed>:<stratum>`). Each stratum has its own generator, so one county's cases can be
 *   redrawn alone and do not depend on the others'.
 */
export const DRAW_ALGORITHM = 'strata=areaOf(decidingNode); allocation=1+largest-remainder; rng=xoroshiro128plus(sha256(seed:stratum)[0..16]); pick=partial-fisher-yates over case numbers sorted';

export interface DrawCandidate {
  caseNumber: string;
  decidingNode: string;
}

export interface DrawnCase extends DrawCandidate {
  /** The county-level area the case was drawn in. */
  stratum: string;
}

export interface StratumCount {
  stratum: string;
  candidates: number;
  drawn: number;
}

export interface FollowUpDraw {
  seed: string;
  /** The size asked for; `cases.length` may be smaller (fewer candidates) or larger (more strata). */
  size: number;
  candidateCount: number;
  /** By stratum, then case number. */
  cases: DrawnCase[];
  /** By stratum code. */
  strata: StratumCount[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Draws `size` cases from the candidates, stratified by county-level area, reproducibly from `seed`. */
export function drawFollowUps(candidates: readonly DrawCandidate[], size: number, seed: string): FollowUpDraw {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`the sample size must be a positive integer, not ${size}`);
  if (seed.length === 0) throw new RangeError('the seed must not be empty');
  const strata = groupByStratum(candidates);
  const allocation = allocate(
    [...strata].map(([stratum, members]) => ({ stratum, size: members.length })),
    size,
  );
  const cases: DrawnCase[] = [];
  const counts: StratumCount[] = [];
  for (const [stratum, members] of strata) {
    const k = allocation.get(stratum) ?? 0;
    for (const c of pick(members, k, seed, stratum)) cases.push({ ...c, stratum });
    counts.push({ stratum, candidates: members.length, drawn: k });
  }
  return { seed, size, candidateCount: countDistinct(candidates), cases, strata: counts };
}

/** Candidates by stratum (in code order), each sorted by case number; a case listed twice counts once. */
function groupByStratum(candidates: readonly DrawCandidate[]): Map<string, DrawCandidate[]> {
  const byCase = new Map<string, DrawCandidate>();
  for (const c of candidates) {
    const seen = byCase.get(c.caseNumber);
    if (seen && seen.decidingNode !== c.decidingNode) throw new RangeError(`case ${c.caseNumber} is listed with two deciding nodes, ${seen.decidingNode} and ${c.decidingNode}`);
    byCase.set(c.caseNumber, c);
  }
  const groups = new Map<string, DrawCandidate[]>();
  for (const c of byCase.values()) {
    const stratum = areaOf(c.decidingNode);
    const list = groups.get(stratum) ?? [];
    list.push({ caseNumber: c.caseNumber, decidingNode: c.decidingNode });
    groups.set(stratum, list);
  }
  const sorted = new Map<string, DrawCandidate[]>();
  for (const stratum of [...groups.keys()].sort(byString)) sorted.set(stratum, groups.get(stratum)!.sort((a, b) => byString(a.caseNumber, b.caseNumber)));
  return sorted;
}

function countDistinct(candidates: readonly DrawCandidate[]): number {
  return new Set(candidates.map((c) => c.caseNumber)).size;
}

/**
 * How many cases each stratum gives: one each, then the rest in proportion to stratum size by
 * largest remainder (ties to the lower stratum code), capped by what a stratum has; seats a capped
 * stratum cannot take go round again among the others.
 */
export function allocate(strata: ReadonlyArray<{ stratum: string; size: number }>, size: number): Map<string, number> {
  const present = strata.filter((s) => s.size > 0);
  const out = new Map(present.map((s) => [s.stratum, 1]));
  const total = present.reduce((t, s) => t + s.size, 0);
  let rest = Math.min(size, total) - present.length;
  let open = present.filter((s) => s.size > 1);
  while (rest > 0 && open.length > 0) {
    const weight = open.reduce((t, s) => t + s.size, 0);
    // Integer arithmetic: quota = rest × size / weight, its remainder kept as a numerator so ties are exact.
    const shares = open.map((s) => {
      const remainder = (rest * s.size) % weight;
      return { s, whole: (rest * s.size - remainder) / weight, remainder };
    });
    let left = rest - shares.reduce((t, x) => t + x.whole, 0);
    const order = [...shares].sort((a, b) => b.remainder - a.remainder || byString(a.s.stratum, b.s.stratum));
    for (const x of order) {
      if (left === 0) break;
      x.whole += 1;
      left -= 1;
    }
    for (const x of shares) {
      const room = x.s.size - out.get(x.s.stratum)!;
      const given = Math.min(x.whole, room);
      out.set(x.s.stratum, out.get(x.s.stratum)! + given);
      rest -= given;
    }
    open = open.filter((s) => out.get(s.stratum)! < s.size);
  }
  return out;
}

/** k members chosen by a partial Fisher-Yates shuffle on the stratum's own generator, returned in case-number order. */
function pick(members: readonly DrawCandidate[], k: number, seed: string, stratum: string): DrawCandidate[] {
  if (k >= members.length) return [...members];
  const rng = xoroshiro128plusFromState(stateOf(`${seed}:${stratum}`));
  const index = members.map((_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = uniformInt(rng, i, index.length - 1);
    [index[i], index[j]] = [index[j]!, index[i]!];
  }
  return index
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => members[i]!);
}

/** 128 bits of generator state from a text: the first 16 bytes of its SHA-256, as four signed 32-bit words. */
function stateOf(text: string): number[] {
  const digest = createHash('sha256').update(text, 'utf8').digest();
  const state = [0, 4, 8, 12].map((o) => digest.readInt32BE(o));
  // xoroshiro128+ must not start from all zeros (it would stay there); SHA-256 will not give that, but say so.
  return state.some((w) => w !== 0) ? state : [0, 0, 0, 1];
}

/**
 * A fingerprint of a candidate list, whatever its order: SHA-256 over `caseNumber,decidingNode` lines
 * sorted by case number. The draw records it with the list, so a redraw can show its input was the same.
 */
export function candidatesDigest(candidates: readonly DrawCandidate[]): string {
  return createHash('sha256').update(canonicalCandidates(candidates), 'utf8').digest('hex');
}

/** The candidate list as text, one `caseNumber,decidingNode` line per case, sorted: what is stored and hashed. */
export function canonicalCandidates(candidates: readonly DrawCandidate[]): string {
  const lines = [...new Map(candidates.map((c) => [c.caseNumber, `${c.caseNumber},${c.decidingNode}\n`])).entries()].sort(([a], [b]) => byString(a, b));
  return lines.map(([, line]) => line).join('');
}

/** Reads `canonicalCandidates` text back. */
export function parseCandidates(text: string): DrawCandidate[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [caseNumber, decidingNode, extra] = l.split(',');
      if (!caseNumber || !decidingNode || extra !== undefined) throw new RangeError(`not a candidate line: ${l}`);
      return { caseNumber, decidingNode };
    });
}
