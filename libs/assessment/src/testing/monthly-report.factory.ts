import type { CentreFigures, LateCase, MonthlyReport, RankedCentre, ScorePart } from '../report.types.js';

/** One centre's figures for November 2026, with counts that hold together (on time + late = decided with a clock). */
export function makeCentreFigures(over: Partial<CentreFigures> & Pick<CentreFigures, 'node' | 'name' | 'tier'>): CentreFigures {
  const onTime = over.onTime ?? 40;
  const late = over.late ?? 2;
  const ratings = over.ratings ?? { '1': 30, '2': 8, '3': 2, '4': 1, '5': 0 };
  const ratingsTotal = Object.values(ratings).reduce((t, n) => t + n, 0);
  return {
    county: null,
    month: '2026-11',
    received: 50,
    decided: onTime + late + 3,
    onTime,
    late,
    onTimeRate: onTime + late === 0 ? null : onTime / (onTime + late),
    avgDaysUsed: 6.4,
    avgDaysCommitted: 10,
    ratings,
    ratingsTotal,
    poorShare: ratingsTotal === 0 ? null : (ratings['4'] + ratings['5']) / ratingsTotal,
    rectificationsOpened: 1,
    rectificationsAnsweredInTime: 1,
    rectificationsDue: 1,
    ordersReceived: 2,
    ordersAnsweredInTime: 1,
    ordersDue: 2,
    ordersFlagged: 0,
    complaintsReceived: 1,
    complaintsUpheld: 0,
    ...over,
  };
}

/** The parts of an index, weights summing to 100, from the figures (the sample's own simple scoring). */
export function makeScoreParts(f: CentreFigures): ScorePart[] {
  const part = (code: string, labelZh: string, labelEn: string, value: number | null, score: number, weight: number): ScorePart => ({
    code,
    labelZh,
    labelEn,
    value,
    score: Math.round(score * 100) / 100,
    weight,
    points: Math.round(score * weight) / 100,
  });
  return [
    part('on_time_rate', '按时办结率', 'On-time rate', f.onTimeRate, f.onTimeRate === null ? 100 : f.onTimeRate * 100, 40),
    part('days_used', '平均用时', 'Days used against the commitment', f.avgDaysUsed, f.avgDaysUsed === null || !f.avgDaysCommitted ? 100 : Math.max(0, 100 - (f.avgDaysUsed / f.avgDaysCommitted) * 50), 20),
    part('poor_share', '差评率', 'Share of poor ratings', f.poorShare, f.poorShare === null ? 100 : (1 - f.poorShare) * 100, 20),
    part('orders_answered', '督办按时反馈率', 'Supervision orders answered in time', f.ordersReceived === 0 ? null : f.ordersAnsweredInTime / f.ordersReceived, f.ordersReceived === 0 ? 100 : (f.ordersAnsweredInTime / f.ordersReceived) * 100, 10),
    part('complaints_upheld', '投诉成立数', 'Complaints upheld', f.complaintsUpheld, Math.max(0, 100 - f.complaintsUpheld * 20), 10),
  ];
}

export function makeRankedCentre(figures: CentreFigures, rank: number, previous: { rank: number; index: number } | null = null): RankedCentre {
  const parts = makeScoreParts(figures);
  return {
    figures,
    index: Math.round(parts.reduce((t, p) => t + p.points, 0) * 100) / 100,
    parts,
    rank,
    previousRank: previous?.rank ?? null,
    previousIndex: previous?.index ?? null,
  };
}

const CITY = '640100000000';
const XINGQING = '640104000000';
const YONGNING = '640121000000';

/**
 * A sample report of the demo network for November 2026: 银川市 with 兴庆区 and 永宁县, two townships
 * each, one of them new this month (no previous rank), and four late cases, one still open.
 */
export function makeMonthlyReport(over: Partial<MonthlyReport> = {}): MonthlyReport {
  const county = (node: string, name: string, onTime: number, late: number) => makeCentreFigures({ node, name, tier: 'county', onTime, late });
  const township = (node: string, name: string, parent: string, onTime: number, late: number, over: Partial<CentreFigures> = {}) =>
    makeCentreFigures({ node, name, tier: 'township', county: parent, onTime, late, received: 20, ...over });
  const lateCases: LateCase[] = [
    { caseNumber: '640104100000202611030000057', itemName: '食品经营许可', decidingNode: XINGQING, holder: '640104100000', dueOn: '2026-11-17', closedOn: '2026-11-20', overdueDays: 3 },
    { caseNumber: '640121000000202611050000023', itemName: '建设工程消防验收备案', decidingNode: YONGNING, holder: YONGNING, dueOn: '2026-11-19', closedOn: '2026-11-26', overdueDays: 5 },
    { caseNumber: '640121100000202611100000014', itemName: '临时救助（乡镇审批额度内）', decidingNode: '640121100000', holder: '640121100000', dueOn: '2026-11-24', closedOn: null, overdueDays: 4 },
    { caseNumber: '640104200000202611020000031', itemName: '药品零售企业经营许可', decidingNode: CITY, holder: CITY, dueOn: '2026-11-25', closedOn: '2026-11-27', overdueDays: 2 },
  ];
  return {
    month: '2026-11',
    status: 'closed',
    closedAt: '2026-12-02T02:00:00.000Z',
    weightsVersion: 3,
    generatedAt: '2026-12-02T02:05:00.000Z',
    counties: [makeRankedCentre(county(XINGQING, '兴庆区政务服务中心', 120, 2), 1, { rank: 2, index: 91.2 }), makeRankedCentre(county(YONGNING, '永宁县政务服务中心', 88, 9), 2, { rank: 1, index: 93.05 })],
    townships: [
      {
        county: XINGQING,
        countyName: '兴庆区政务服务中心',
        ranked: [
          makeRankedCentre(township('640104100000', '掌政镇便民服务中心', XINGQING, 35, 0), 1, { rank: 1, index: 95.5 }),
          makeRankedCentre(township('640104200000', '通贵乡便民服务中心', XINGQING, 18, 3, { ratings: { '1': 6, '2': 2, '3': 1, '4': 2, '5': 1 } }), 2, null),
        ],
      },
      {
        county: YONGNING,
        countyName: '永宁县政务服务中心',
        ranked: [
          makeRankedCentre(township('640121102000', '望远镇便民服务中心', YONGNING, 22, 1), 1, { rank: 2, index: 88.4 }),
          makeRankedCentre(township('640121100000', '杨和镇便民服务中心', YONGNING, 19, 4, { ratingsTotal: 0, ratings: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, poorShare: null }), 2, { rank: 1, index: 90.1 }),
        ],
      },
    ],
    city: makeRankedCentre(makeCentreFigures({ node: CITY, name: '银川市政务服务中心', tier: 'city', onTime: 60, late: 1, avgDaysUsed: 12.25, avgDaysCommitted: 15 }), 1),
    lateCases,
    ...over,
  };
}
