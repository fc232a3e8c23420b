import type { AssessmentFacts, CaseFact } from './facts.js';
import { type Centre, computeFigures, figureDifferences } from './figures.js';
import { buildReport, previousMonth, ranksOf } from './report.js';
import { DEFAULT_WEIGHTS, rank, scoreCentre, weightProblems } from './scoring.js';

const CITY = '640100000000';
const XQ = '640104000000';
const ZZ = '640104100000';
const TG = '640104200000';
const YN = '640121000000';
const centres: Centre[] = [
  { code: CITY, name: '银川市', tier: 'city' },
  { code: XQ, name: '兴庆区', tier: 'county', parent: CITY },
  { code: ZZ, name: '掌政镇', tier: 'township', parent: XQ },
  { code: TG, name: '通贵乡', tier: 'township', parent: XQ },
  { code: YN, name: '永宁县', tier: 'county', parent: CITY },
];

let seq = 0;
function aCase(over: Partial<CaseFact>): CaseFact {
  seq++;
  return {
    caseNumber: `6401041000002026110${String(seq).padStart(8, '0')}`,
    itemName: '食品经营许可',
    intakeNode: ZZ,
    decidingNode: XQ,
    holder: ZZ,
    receivedAt: '2026-11-10T02:00:00Z',
    dueOn: '2026-11-20',
    decidedAt: null,
    outcome: null,
    clock: null,
    rating: null,
    ...over,
  };
}
const none: AssessmentFacts = { cases: [], orders: [], rectifications: [], complaints: [] };

describe('monthly figures per centre (from facts alone)', () => {
  it('counts intake at the counter and decisions at the deciding centre, in the city\'s time zone', () => {
    const facts: AssessmentFacts = {
      ...none,
      cases: [
        aCase({ decidedAt: '2026-11-12T02:00:00Z', outcome: 'approved', clock: { usedDays: 2, committedDays: 5, late: false, overdueDays: 0 } }),
        aCase({ decidedAt: '2026-11-20T02:00:00Z', outcome: 'approved', clock: { usedDays: 7, committedDays: 5, late: true, overdueDays: 2 } }),
        // 1 December 01:00 in Yinchuan: December's.
        aCase({ decidedAt: '2026-11-30T17:00:00Z', outcome: 'denied', clock: { usedDays: 3, committedDays: 5, late: false, overdueDays: 0 } }),
        // Received on 31 October 23:30 local: October's intake, decided (not accepted, no clock) in November.
        aCase({ receivedAt: '2026-10-31T15:30:00Z', decidedAt: '2026-11-02T02:00:00Z', outcome: 'not_accepted' }),
        aCase({ rating: { level: '5', at: '2026-11-25T02:00:00Z' } }),
        aCase({ rating: { level: '1', at: '2026-11-26T02:00:00Z' } }),
      ],
    };
    const [, xq, zz] = computeFigures('2026-11', centres, facts);
    expect(zz).toMatchObject({ node: ZZ, county: XQ, received: 5, decided: 0 });
    expect(xq).toMatchObject({ decided: 3, onTime: 1, late: 1, onTimeRate: 0.5, avgDaysUsed: 4.5, avgDaysCommitted: 5, ratingsTotal: 2, poorShare: 0.5 });
    expect(xq!.ratings).toEqual({ '1': 1, '2': 0, '3': 0, '4': 0, '5': 1 });
  });

  it('counts orders, rectifications and complaints against the centre, answered by their date or not', () => {
    const facts: AssessmentFacts = {
      ...none,
      orders: [
        { id: 'o1', holder: XQ, issuedAt: '2026-11-03T02:00:00Z', answerBy: '2026-11-06', answeredAt: '2026-11-06T15:00:00Z', flagged: false }, // 23:00 local on the 6th: in time
        { id: 'o2', holder: XQ, issuedAt: '2026-11-03T02:00:00Z', answerBy: '2026-11-06', answeredAt: '2026-11-06T16:30:00Z', flagged: false }, // 00:30 on the 7th: late
        { id: 'o3', holder: XQ, issuedAt: '2026-11-10T02:00:00Z', answerBy: '2026-11-13', answeredAt: null, flagged: true },
        { id: 'o4', holder: XQ, issuedAt: '2026-10-10T02:00:00Z', answerBy: '2026-10-13', answeredAt: null, flagged: true },
      ],
      rectifications: [
        { id: 'r1', node: XQ, openedAt: '2026-11-03T02:00:00Z', dueOn: '2026-11-10', answeredAt: '2026-11-09T02:00:00Z' },
        { id: 'r2', node: XQ, openedAt: '2026-11-03T02:00:00Z', dueOn: '2026-11-10', answeredAt: null },
      ],
      complaints: [
        { id: 'c1', againstNode: ZZ, receivedAt: '2026-11-03T02:00:00Z', outcome: 'upheld' },
        { id: 'c2', againstNode: ZZ, receivedAt: '2026-11-04T02:00:00Z', outcome: 'not_upheld' },
        { id: 'c3', againstNode: '999999999999', receivedAt: '2026-11-04T02:00:00Z', outcome: 'upheld' },
      ],
    };
    const [, xq, zz] = computeFigures('2026-11', centres, facts);
    expect(xq).toMatchObject({ ordersReceived: 3, ordersAnsweredInTime: 1, ordersDue: 3, ordersFlagged: 1, rectificationsOpened: 2, rectificationsAnsweredInTime: 1, rectificationsDue: 2 });
    expect(zz).toMatchObject({ complaintsReceived: 2, complaintsUpheld: 1 });
  });
});

describe('items not yet due at the month\'s end', () => {
  it('are not judged in the index until answered, so a fresh item does not cost a centre points', () => {
    const facts: AssessmentFacts = {
      ...none,
      rectifications: [
        { id: 'r1', node: XQ, openedAt: '2026-11-27T02:00:00Z', dueOn: '2026-12-11', answeredAt: null },
        { id: 'r2', node: XQ, openedAt: '2026-11-27T02:00:00Z', dueOn: '2026-12-11', answeredAt: '2026-12-02T02:00:00Z' },
      ],
      orders: [{ id: 'o1', holder: XQ, issuedAt: '2026-11-30T02:00:00Z', answerBy: '2026-12-03', answeredAt: null, flagged: false }],
    };
    const xq = computeFigures('2026-11', centres, facts)[1]!;
    expect(xq).toMatchObject({ rectificationsOpened: 2, rectificationsDue: 1, rectificationsAnsweredInTime: 1, ordersReceived: 1, ordersDue: 0 });
    const parts = Object.fromEntries(scoreCentre(xq, DEFAULT_WEIGHTS).parts.map((p) => [p.code, p]));
    expect(parts.rectification).toMatchObject({ value: 1, score: 100 });
    expect(parts.supervision).toMatchObject({ value: null, score: 100 });
  });
});

describe('comparing two computations of the same month', () => {
  it('names each centre and field that differs, and nothing when they agree', () => {
    const a = computeFigures('2026-11', centres, none);
    const b = computeFigures('2026-11', centres, { ...none, complaints: [{ id: 'c1', againstNode: ZZ, receivedAt: '2026-11-03T02:00:00Z', outcome: 'upheld' }] });
    expect(figureDifferences(a, computeFigures('2026-11', centres, none))).toEqual([]);
    expect(figureDifferences(a, b)).toEqual([
      { node: ZZ, field: 'complaintsReceived', stored: 0, recomputed: 1 },
      { node: ZZ, field: 'complaintsUpheld', stored: 0, recomputed: 1 },
    ]);
    expect(figureDifferences(a, b.slice(0, 2))).toContainEqual({ node: TG, field: '*', stored: 'present', recomputed: 'missing' });
  });
});

describe('the efficiency index (效能综合指数)', () => {
  const quiet = computeFigures('2026-11', centres, none)[1]!;

  it('gives full marks to a centre with nothing that went wrong, and its parts sum to it', () => {
    const { index, parts } = scoreCentre(quiet, DEFAULT_WEIGHTS);
    expect(index).toBe(100);
    expect(parts.map((p) => p.weight).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('scores each part from its figure and weights it', () => {
    const f = { ...quiet, onTime: 3, late: 1, onTimeRate: 0.75, avgDaysUsed: 2.5, avgDaysCommitted: 5, ratingsTotal: 4, poorShare: 0.25, ordersReceived: 2, ordersDue: 2, ordersAnsweredInTime: 1, ordersFlagged: 1, complaintsUpheld: 2 };
    const { index, parts } = scoreCentre(f, DEFAULT_WEIGHTS);
    const byCode = Object.fromEntries(parts.map((p) => [p.code, p]));
    expect(byCode.onTime).toMatchObject({ value: 0.75, score: 75, points: 26.25 });
    expect(byCode.speed).toMatchObject({ value: 0.5, score: 50, points: 7.5 });
    expect(byCode.satisfaction).toMatchObject({ value: 0.75, score: 75, points: 18.75 });
    expect(byCode.supervision).toMatchObject({ value: 0.5, score: 25, points: 2.5 }); // 50, less 25 for the flag
    expect(byCode.rectification).toMatchObject({ value: null, score: 100, points: 5 });
    expect(byCode.complaints).toMatchObject({ value: 2, score: 60, points: 6 });
    expect(index).toBe(66);
  });

  it('refuses weights that are not whole numbers summing to 100, naming the part', () => {
    expect(weightProblems({ ...DEFAULT_WEIGHTS })).toEqual([]);
    expect(weightProblems({ ...DEFAULT_WEIGHTS, onTime: 36 })).toEqual(['the weights must sum to 100, not 101']);
    expect(weightProblems({ ...DEFAULT_WEIGHTS, speed: 1.5 })).toContain('speed must be a whole number from 0 to 100');
    expect(weightProblems({ ...DEFAULT_WEIGHTS, luck: 0 })).toContain('unknown parts: luck');
  });
});

describe('ranking (月排位)', () => {
  const f = computeFigures('2026-11', centres, none);
  it('ranks by index, equal indexes share a rank, and shows last month\'s', () => {
    const ranked = rank(
      [
        { figures: f[2]!, index: 90, parts: [] },
        { figures: f[3]!, index: 95, parts: [] },
        { figures: f[1]!, index: 90, parts: [] },
        { figures: f[4]!, index: 80, parts: [] },
      ],
      new Map([[ZZ, { rank: 1, index: 97 }]]),
    );
    expect(ranked.map((r) => [r.figures.node, r.rank])).toEqual([
      [TG, 1],
      [XQ, 2],
      [ZZ, 2],
      [YN, 4],
    ]);
    expect(ranked.find((r) => r.figures.node === ZZ)).toMatchObject({ previousRank: 1, previousIndex: 97 });
  });

  it('builds the report: counties ranked, each county\'s townships among themselves, the city scored apart', () => {
    const facts: AssessmentFacts = { ...none, complaints: [{ id: 'c1', againstNode: ZZ, receivedAt: '2026-11-03T02:00:00Z', outcome: 'upheld' }] };
    const report = buildReport({ month: '2026-11', centres, facts, weights: DEFAULT_WEIGHTS, weightsVersion: 1, status: 'open', closedAt: null, generatedAt: '2026-12-01T00:00:00Z' });
    expect(report.counties.map((c) => c.figures.node)).toEqual([XQ, YN]);
    expect(report.townships).toEqual([
      expect.objectContaining({ county: XQ, ranked: [expect.objectContaining({ figures: expect.objectContaining({ node: TG }), rank: 1 }), expect.objectContaining({ figures: expect.objectContaining({ node: ZZ }), rank: 2, index: 98 })] }),
      expect.objectContaining({ county: YN, ranked: [] }),
    ]);
    expect(report.city).toMatchObject({ figures: { node: CITY }, index: 100 });
    expect(ranksOf(report).get(ZZ)).toEqual({ rank: 2, index: 98 });
  });

  it('knows the month before', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});
