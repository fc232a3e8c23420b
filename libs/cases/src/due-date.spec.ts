import { addWorkingDays, localDate, localMidnight } from './due-date.js';

describe('committed completion date', () => {
  it('counts working days after the day of acceptance, skipping Saturday and Sunday', () => {
    expect(addWorkingDays('2026-11-23', 1)).toBe('2026-11-24'); // Monday -> Tuesday
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday -> Monday
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // accepted on a Saturday
    expect(addWorkingDays('2026-11-23', 20)).toBe('2026-12-21');
  });

  it('gives the day itself for a limit of zero days (an instant matter)', () => {
    expect(addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('refuses something that is not a date', () => {
    expect(() => addWorkingDays('23/11/2026', 1)).toThrow(RangeError);
  });

  it("takes the date in the city's time zone, not UTC", () => {
    expect(localDate(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
  });

  it('agrees with Date on the local date, and starts a local day at 16:00 UTC the day before', () => {
    for (let t = Date.UTC(2024, 11, 30, 15, 59, 59, 999); t < Date.UTC(2025, 0, 3); t += 3_600_000) {
      expect(localDate(new Date(t))).toBe(new Date(t + 8 * 3600_000).toISOString().slice(0, 10));
    }
    expect(new Date(localMidnight('2026-11-24')).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(() => localDate(new Date('not a date'))).toThrow(RangeError);
  });
});
