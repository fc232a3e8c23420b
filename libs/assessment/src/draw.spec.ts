import { allocate, candidatesDigest, canonicalCandidates, type DrawCandidate, drawFollowUps, parseCandidates } from './draw.js';
import { makeDrawCandidates } from './testing/draw-candidates.factory.js';

const CITY = '640100000000';
/** A township directly under the city (no county): in the city's stratum. */
const CITY_TOWN = '640100100000';
const XINGQING = '640104000000';
const ZHANGZHENG = '640104100000';
const TONGGUI = '640104200000';
const YONGNING = '640121000000';
const YANGHE = '640121100000';
const HELAN = '640122000000';

/** 200 closed cases over four county-level areas of very different sizes. */
const network = (): DrawCandidate[] =>
  makeDrawCandidates({ [CITY]: 12, [CITY_TOWN]: 3, [XINGQING]: 40, [ZHANGZHENG]: 60, [TONGGUI]: 25, [YONGNING]: 30, [YANGHE]: 29, [HELAN]: 1 });

const numbers = (cases: readonly DrawCandidate[]): string[] => cases.map((c) => c.caseNumber);

/** A deterministic shuffle (no Math.random in tests): reverse, then interleave halves. */
function scramble<T>(list: readonly T[]): T[] {
  const r = [...list].reverse();
  const half = Math.ceil(r.length / 2);
  return r.slice(0, half).flatMap((x, i) => (r[half + i] === undefined ? [x] : [x, r[half + i]!]));
}

describe('the follow-up draw (抽查回访)', () => {
  it('draws the same cases from the same seed and candidates', () => {
    const first = drawFollowUps(network(), 30, 'audit-2026-11');
    const again = drawFollowUps(network(), 30, 'audit-2026-11');
    expect(again).toEqual(first);
    expect(first.cases).toHaveLength(30);
  });

  it('draws other cases from another seed (nine seeds out of nine differ from the first)', () => {
    const base = numbers(drawFollowUps(network(), 30, 'seed-0').cases).join();
    const others = Array.from({ length: 9 }, (_, i) => numbers(drawFollowUps(network(), 30, `seed-${i + 1}`).cases).join());
    expect(others.filter((o) => o !== base)).toHaveLength(9);
    expect(new Set(others).size).toBe(9);
  });

  it('pins the draw of a recorded seed, so a library upgrade that changed it would be caught before an old draw fails to verify', () => {
    // 10 and 5 cases, size 4: one each, then 2 as 1.33 / 0.67: the second seat to the larger remainder.
    const sut = drawFollowUps(makeDrawCandidates({ [XINGQING]: 10, [YONGNING]: 5 }), 4, 'pinned');
    expect(sut.strata).toEqual([
      { stratum: XINGQING, candidates: 10, drawn: 2 },
      { stratum: YONGNING, candidates: 5, drawn: 2 },
    ]);
    expect(numbers(sut.cases)).toEqual(['640104000000202611030000017', '640104000000202611050000014', '640121000000202611010000018', '640121000000202611020000011']);
  });

  it('represents every county-level area that has a candidate, the city\'s own nodes as one', () => {
    const sut = drawFollowUps(network(), 30, 'strata');
    expect(sut.strata.map((s) => s.stratum)).toEqual([CITY, XINGQING, YONGNING, HELAN]);
    for (const s of sut.strata) expect(s.drawn).toBeGreaterThanOrEqual(1);
    expect(sut.cases.find((c) => c.decidingNode === HELAN)).toMatchObject({ stratum: HELAN });
    expect(sut.strata.find((s) => s.stratum === CITY)!.candidates).toBe(15);
    // Each drawn case is in the stratum of its deciding node: a township in its county's.
    for (const c of sut.cases) expect(c.stratum).toBe(c.decidingNode.startsWith('640100') ? CITY : `${c.decidingNode.slice(0, 6)}000000`);
  });

  it('keeps every stratum when there are more strata than the sample size', () => {
    const sut = drawFollowUps(network(), 2, 'tiny');
    expect(sut.strata.map((s) => s.drawn)).toEqual([1, 1, 1, 1]);
    expect(sut.cases).toHaveLength(4);
  });

  it('shares the rest of the sample in proportion to stratum size, by largest remainder', () => {
    // 60 / 30 / 10 cases, size 10: one each, then 7 as 4.2 / 2.1 / 0.7, the last seat to the largest remainder.
    const sut = drawFollowUps(makeDrawCandidates({ [XINGQING]: 60, [YONGNING]: 30, [HELAN]: 10 }), 10, 'share');
    expect(sut.strata.map((s) => [s.stratum, s.drawn])).toEqual([
      [XINGQING, 5],
      [YONGNING, 3],
      [HELAN, 2],
    ]);
    expect(sut.cases).toHaveLength(10);
    for (const s of sut.strata) expect(sut.cases.filter((c) => c.stratum === s.stratum)).toHaveLength(s.drawn);
  });

  it('never takes more from a stratum than it has, and gives its share to the others', () => {
    // 2 and 10 cases, size 11: one each, then 9 as 1.5 / 7.5; the tie goes to the lower code, which can take one only.
    expect([...allocate([{ stratum: XINGQING, size: 2 }, { stratum: YONGNING, size: 10 }], 11)]).toEqual([
      [XINGQING, 2],
      [YONGNING, 9],
    ]);
    const sut = drawFollowUps(makeDrawCandidates({ [CITY]: 1, [XINGQING]: 3, [YONGNING]: 50 }), 40, 'cap');
    expect(sut.strata.map((s) => s.drawn)).toEqual([1, 3, 36]);
    expect(sut.cases).toHaveLength(40);
  });

  it('takes every candidate when the size is larger than the candidates', () => {
    const candidates = makeDrawCandidates({ [XINGQING]: 4, [YANGHE]: 3 });
    const sut = drawFollowUps(candidates, 30, 'all');
    expect(numbers(sut.cases).sort()).toEqual(numbers(candidates).sort());
    expect(sut).toMatchObject({ size: 30, candidateCount: 7, strata: [{ drawn: 4 }, { drawn: 3 }] });
  });

  it('does not depend on the order of the candidates, and counts a case listed twice once', () => {
    const candidates = network();
    const sut = drawFollowUps(candidates, 30, 'order');
    expect(drawFollowUps(scramble(candidates), 30, 'order')).toEqual(sut);
    expect(drawFollowUps([...candidates, ...candidates.slice(0, 5)], 30, 'order')).toEqual(sut);
  });

  it('returns no case twice, each one a candidate, sorted by stratum and case number', () => {
    const candidates = network();
    const sut = drawFollowUps(candidates, 50, 'distinct');
    const drawn = numbers(sut.cases);
    expect(new Set(drawn).size).toBe(50);
    expect(drawn.every((n) => candidates.some((c) => c.caseNumber === n))).toBe(true);
    const keys = sut.cases.map((c) => `${c.stratum}${c.caseNumber}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('draws nothing from no candidates', () => {
    expect(drawFollowUps([], 30, 'empty')).toEqual({ seed: 'empty', size: 30, candidateCount: 0, cases: [], strata: [] });
  });

  it('refuses a size that is not a positive integer, an empty seed, and a case with two deciding nodes', () => {
    expect(() => drawFollowUps(network(), 0, 's')).toThrow(RangeError);
    expect(() => drawFollowUps(network(), 2.5, 's')).toThrow(RangeError);
    expect(() => drawFollowUps(network(), 30, '')).toThrow(RangeError);
    const [one] = makeDrawCandidates({ [XINGQING]: 1 });
    expect(() => drawFollowUps([one!, { ...one!, decidingNode: YONGNING }], 30, 's')).toThrow(/two deciding nodes/);
  });
});

describe('the candidate list a draw records', () => {
  it('has one fingerprint whatever the order, and another when a case is added', () => {
    const candidates = network();
    expect(candidatesDigest(scramble(candidates))).toBe(candidatesDigest(candidates));
    expect(candidatesDigest(candidates)).toMatch(/^[0-9a-f]{64}$/);
    expect(candidatesDigest(candidates.slice(1))).not.toBe(candidatesDigest(candidates));
  });

  it('reads back from its text as the same candidates', () => {
    const candidates = network();
    const text = canonicalCandidates(scramble(candidates));
    expect(parseCandidates(text)).toEqual([...candidates].sort((a, b) => (a.caseNumber < b.caseNumber ? -1 : 1)));
    expect(() => parseCandidates('640104100000202611010000011\n')).toThrow(RangeError);
  });
});
