import { isoWeekOf, isoWeekRange } from './week.js';

describe('ISO weeks for the weekly supervision summary', () => {
  it('starts week 48 of 2026 on Monday 23 November', () => {
    expect(isoWeekRange('2026-W48')).toEqual({ from: '2026-11-23', to: '2026-11-30' });
  });

  it('puts 1 January 2027 (a Friday) in the last week of 2026, and week 1 of 2027 on 4 January', () => {
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekRange('2027-W01')).toEqual({ from: '2027-01-04', to: '2027-01-11' });
  });

  it('round-trips every day of two years', () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const { from, to } = isoWeekRange(isoWeekOf(day));
      expect(day >= from && day < to).toBe(true);
    }
  });
});
