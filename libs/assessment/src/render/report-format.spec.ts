import { makeMonthlyReport, makeRankedCentre, makeCentreFigures } from '../testing/monthly-report.factory.js';
import { centresOf, cityNameOf, indexChange, monthZh, percent, rankChangeZh, signed, statusZh } from './report-format.js';

const centre = (rank: number, previous: { rank: number; index: number } | null) => makeRankedCentre(makeCentreFigures({ node: '640104000000', name: '兴庆区政务服务中心', tier: 'county' }), rank, previous);

describe('what the report renderers say', () => {
  it('writes the month and the status in Chinese, a draft until the month is closed', () => {
    expect(monthZh('2026-01')).toBe('2026年1月');
    expect(statusZh(makeMonthlyReport())).toBe('正式版（本月数据已于 2026-12-02 10:00 封存）');
    expect(statusZh(makeMonthlyReport({ status: 'open', closedAt: null }))).toMatch(/^草稿/);
  });

  it('shows the move in rank since last month, and a centre not ranked then as new', () => {
    expect(rankChangeZh(centre(1, { rank: 3, index: 80 }))).toBe('↑2');
    expect(rankChangeZh(centre(3, { rank: 2, index: 80 }))).toBe('↓1');
    expect(rankChangeZh(centre(2, { rank: 2, index: 80 }))).toBe('持平');
    expect(rankChangeZh(centre(2, null))).toBe('新增');
    expect(indexChange(centre(2, null))).toBeNull();
    expect(signed(1.5)).toBe('+1.50');
    expect(signed(-0.25)).toBe('-0.25');
    expect(percent(0.9756)).toBe('97.6%');
    expect(percent(null)).toBe('—');
  });

  it('reads the city name from its centre, unless given one', () => {
    expect(cityNameOf(makeMonthlyReport())).toBe('银川市');
    expect(cityNameOf(makeMonthlyReport({ city: null }))).toBe('');
    expect(cityNameOf(makeMonthlyReport({ city: null }), { cityName: '吴忠市' })).toBe('吴忠市');
  });

  it('lists every centre once, the city first, each county followed by its townships', () => {
    expect(centresOf(makeMonthlyReport()).map((c) => c.figures.name)).toEqual([
      '银川市政务服务中心',
      '兴庆区政务服务中心',
      '掌政镇便民服务中心',
      '通贵乡便民服务中心',
      '永宁县政务服务中心',
      '望远镇便民服务中心',
      '杨和镇便民服务中心',
    ]);
  });
});
