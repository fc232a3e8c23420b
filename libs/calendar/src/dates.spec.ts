import { addDays, dayNumber, formatDay, weekdayOf, yearOf } from './dates.js';

describe('dates as day numbers', () => {
  it('agree with Date for every day from 1999 to 2101', () => {
    for (let t = Date.UTC(1999, 0, 1); t <= Date.UTC(2101, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const n = dayNumber(iso);
      if (n !== t / 86_400_000 || formatDay(n) !== iso || yearOf(n) !== new Date(t).getUTCFullYear() || weekdayOf(n) !== new Date(t).getUTCDay()) throw new Error(iso);
    }
  });

  it('refuse what is not a date', () => {
    for (const bad of ['2026-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', '2025-01-0x', '0999-01-01', '']) expect(() => dayNumber(bad)).toThrow(RangeError);
    expect(dayNumber('2024-02-29')).toBe(19782);
  });

  it('add calendar days', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
