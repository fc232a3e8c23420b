import { addDays, CALENDAR_2026, WorkingCalendar } from '#libs/calendar';
import { extendClock, moveClock, pauseClock, recalibrate, resumeClock, startClock, stopClock, type CaseClock, type ClockExtension } from './clock.js';
import { readClock, type ClockReading } from './reading.js';
import { DEFAULT_STEP_LIMITS, stepReading } from './step.js';

const cal = WorkingCalendar.official();
const TOWNSHIP = '640104100000';
const COUNTY = '640104000000';
const CITY = '640100000000';

/** An instant in the city's time zone. */
const at = (date: string, time = '10:00'): string => `${date}T${time}:00+08:00`;
const on = (date: string, time = '12:00'): Date => new Date(at(date, time));
const start = (date: string, days: number, time = '10:00'): CaseClock => startClock(at(date, time), days, COUNTY, 'county', cal);
const read = (c: CaseClock, date: string, time = '12:00'): ClockReading => readClock(c, cal, on(date, time));
const extension = (days: number, date: string): ClockExtension => ({ days, reason: '需要现场核查', approvedBy: 'head', approvedByName: '王局长', at: at(date, '11:00') });

describe('the case clock on ordinary weeks', () => {
  const c = start('2025-11-17', 5); // accepted on a Monday

  it('does not count the day of acceptance, nor weekends', () => {
    expect(read(c, '2025-11-17')).toMatchObject({ usedDays: 0, remainingDays: 5, deadline: '2025-11-24', light: 'green', paused: false, stopped: false });
    expect(read(c, '2025-11-19')).toMatchObject({ usedDays: 2, remainingDays: 3, light: 'green' });
    expect(read(c, '2025-11-22')).toMatchObject({ usedDays: 4, remainingDays: 1, light: 'yellow' }); // Saturday
    expect(read(c, '2025-11-23')).toMatchObject({ usedDays: 4, light: 'yellow' });
  });

  it('is in time on the deadline day and red after it, with negative days left', () => {
    expect(read(c, '2025-11-24', '23:59')).toMatchObject({ usedDays: 5, remainingDays: 0, overdueDays: 0, light: 'yellow' });
    expect(read(c, '2025-11-25', '00:00')).toMatchObject({ usedDays: 6, remainingDays: -1, overdueDays: 1, light: 'red' });
    expect(read(c, '2025-12-01')).toMatchObject({ usedDays: 10, remainingDays: -5, overdueDays: 5, light: 'red' });
  });

  it('is in time when stopped on the deadline day, late when stopped the next working day', () => {
    expect(read(stopClock(c, at('2025-11-24', '17:30')), '2025-12-01')).toMatchObject({ usedDays: 5, overdueDays: 0, light: 'yellow', stopped: true });
    expect(read(stopClock(c, at('2025-11-25', '09:00')), '2025-12-01')).toMatchObject({ usedDays: 6, overdueDays: 1, light: 'red', stopped: true });
    const early = read(stopClock(c, at('2025-11-19', '09:00')), '2025-12-01');
    expect(early).toMatchObject({ usedDays: 2, light: 'green' });
    expect(early.nextChangeAt).toBeUndefined();
  });

  it('turns red on the day off after a Friday deadline, before any working day is overdue', () => {
    const friday = start('2025-11-14', 5); // deadline Friday 11-21
    expect(read(friday, '2025-11-21').light).toBe('yellow');
    expect(read(friday, '2025-11-22')).toMatchObject({ light: 'red', overdueDays: 0, usedDays: 5 });
  });
});

describe('the case clock across holidays', () => {
  it('accepted on the Friday before Spring Festival 2026: the make-up Saturday counts, the nine days off do not', () => {
    const c = start('2026-02-13', 5);
    expect(read(c, '2026-02-13').deadline).toBe('2026-02-27'); // 02-14 (Sat, worked), then 02-24 to 02-27
    expect(read(c, '2026-02-20')).toMatchObject({ usedDays: 1, remainingDays: 4, light: 'green' });
    expect(read(c, '2026-02-26')).toMatchObject({ usedDays: 4, light: 'yellow' });
  });

  it('accepted before National Day 2025: Sunday 09-28 counts, 10-01 to 10-08 do not', () => {
    const c = start('2025-09-25', 5);
    expect(read(c, '2025-09-25').deadline).toBe('2025-10-09'); // 09-26, 09-28, 09-29, 09-30, 10-09
    expect(read(c, '2025-10-05')).toMatchObject({ usedDays: 4, remainingDays: 1, light: 'yellow' });
    expect(read(c, '2025-10-10')).toMatchObject({ usedDays: 6, light: 'red', overdueDays: 1 });
  });

  it('crosses the 2025 -> 2026 year end (元旦 01-01 to 01-03 off, Sunday 01-04 worked)', () => {
    const c = start('2025-12-22', 10);
    expect(read(c, '2025-12-22')).toMatchObject({ deadline: '2026-01-06', provisional: false });
    expect(read(c, '2026-01-04').usedDays).toBe(8);
  });

  it('crosses the 2026 -> 2027 year end into the provisional 2027 (元旦 01-01 off by law, no make-up day known)', () => {
    expect(read(start('2026-12-21', 10), '2026-12-21')).toMatchObject({ deadline: '2027-01-05', provisional: true });
    expect(read(start('2026-12-01', 10), '2026-12-01')).toMatchObject({ deadline: '2026-12-15', provisional: false });
  });
});

describe('pauses (补正, 特别程序)', () => {
  it('moves the deadline by exactly the working days paused, across the National Day break', () => {
    const c = start('2025-09-22', 10);
    const plain = read(c, '2025-09-22').deadline;
    expect(plain).toBe('2025-10-11'); // the make-up Saturday
    const paused = resumeClock(pauseClock(c, 'correction', at('2025-09-26', '16:00')), at('2025-10-10', '09:00'));
    const r = read(paused, '2025-10-13');
    expect(r.pausedDays).toBe(5); // 09-28, 09-29, 09-30, 10-09, 10-10
    expect(r.deadline).toBe(cal.addWorkingDays(plain, 5));
    expect(r.deadline).toBe('2025-10-17');
    expect(r).toMatchObject({ usedDays: 6, remainingDays: 4, paused: false }); // 09-23 to 09-26, 10-11, 10-13
  });

  it('costs nothing when opened and closed on the same day', () => {
    const c = resumeClock(pauseClock(start('2025-11-17', 5), 'correction', at('2025-11-18', '09:00')), at('2025-11-18', '16:00'));
    expect(read(c, '2025-11-20')).toMatchObject({ pausedDays: 0, usedDays: 3, deadline: '2025-11-24' });
  });

  it('keeps an open pause uncounting up to today, as if it ended today', () => {
    const c = pauseClock(start('2026-03-02', 5), 'correction', at('2026-03-04'));
    const friday = read(c, '2026-03-06');
    expect(friday).toMatchObject({ usedDays: 2, pausedDays: 2, deadline: '2026-03-11', paused: true, light: 'green' });
    expect(friday.nextChangeAt).toBeUndefined(); // nothing changes by time alone until it is resumed
    // Over the weekend it is taken to end on Monday, the next working day, so the deadline does not step back.
    expect(read(c, '2026-03-07')).toMatchObject({ usedDays: 2, pausedDays: 2, deadline: '2026-03-12' });
    const resumed = resumeClock(c, at('2026-03-09', '09:00'));
    expect(read(resumed, '2026-03-09')).toMatchObject({ usedDays: 2, pausedDays: 3, deadline: '2026-03-12', paused: false });
  });

  it('does not turn a case paused on its deadline day red over the weekend', () => {
    const c = pauseClock(start('2026-03-02', 4), 'correction', at('2026-03-06', '10:00')); // deadline Friday 03-06
    expect(read(c, '2026-03-07')).toMatchObject({ light: 'yellow', remainingDays: 0, deadline: '2026-03-09' });
    expect(read(c, '2026-03-09')).toMatchObject({ light: 'yellow', remainingDays: 0, deadline: '2026-03-09' });
    expect(read(c, '2026-03-10')).toMatchObject({ light: 'yellow', remainingDays: 0, deadline: '2026-03-10' });
  });

  it('counts the days of a capped special procedure beyond its cap again', () => {
    const base = start('2026-03-02', 10);
    expect(read(base, '2026-03-02').deadline).toBe('2026-03-16');
    const c = pauseClock(base, 'special_procedure', at('2026-03-03'), { procedure: 'expert_review', capDays: 3 });
    expect(c.pauses[0]).toEqual({ kind: 'special_procedure', procedure: 'expert_review', from: at('2026-03-03'), capDays: 3 });
    expect(read(c, '2026-03-05')).toMatchObject({ usedDays: 1, pausedDays: 2, deadline: '2026-03-18', nextChangeAt: '2026-03-08T16:00:00.000Z' });
    const late = read(c, '2026-03-10');
    expect(late).toMatchObject({ usedDays: 3, pausedDays: 3, deadline: '2026-03-19', paused: true, nextChangeAt: '2026-03-10T16:00:00.000Z' });
    const uncapped = pauseClock(base, 'special_procedure', at('2026-03-03'), { procedure: 'expert_review' });
    expect(read(uncapped, '2026-03-10')).toMatchObject({ usedDays: 1, pausedDays: 5 });
  });

  it('closes an open pause when the clock stops (a withdrawal during a correction)', () => {
    const c = stopClock(pauseClock(start('2026-03-02', 5), 'correction', at('2026-03-03')), at('2026-03-05', '15:00'));
    expect(c.pauses[0]!.to).toBe(at('2026-03-05', '15:00'));
    expect(read(c, '2026-03-20')).toMatchObject({ usedDays: 1, pausedDays: 2, paused: false, stopped: true });
  });

  it('refuses a second pause, a resume without a pause, any entry after the stop, and entries out of order', () => {
    const c = pauseClock(start('2026-03-02', 5), 'correction', at('2026-03-03'));
    expect(() => pauseClock(c, 'special_procedure', at('2026-03-04'))).toThrow(/already paused/);
    expect(() => resumeClock(start('2026-03-02', 5), at('2026-03-04'))).toThrow(/not paused/);
    const stopped = stopClock(start('2026-03-02', 5), at('2026-03-04'));
    expect(() => pauseClock(stopped, 'correction', at('2026-03-05'))).toThrow(/stopped/);
    expect(() => stopClock(stopped, at('2026-03-05'))).toThrow(/stopped/);
    expect(() => extendClock(stopped, extension(5, '2026-03-05'))).toThrow(/stopped/);
    expect(() => resumeClock(c, at('2026-03-02', '12:00'))).toThrow(/earlier/);
    expect(() => pauseClock(start('2026-03-02', 5), 'correction', 'yesterday')).toThrow(RangeError);
    expect(() => startClock(at('2026-03-02'), -1, COUNTY, 'county', cal)).toThrow(RangeError);
  });
});

describe('extensions (延长审批) and amendments', () => {
  it('adds approved working days to the budget and moves the deadline', () => {
    const c = start('2026-03-02', 20);
    expect(read(c, '2026-03-02').deadline).toBe('2026-03-30');
    const longer = extendClock(c, extension(10, '2026-03-20'));
    expect(read(longer, '2026-03-20')).toMatchObject({ budgetDays: 30, extensionDays: 10, deadline: '2026-04-14', usedDays: 14, remainingDays: 16 }); // 清明 04-04 to 04-06
    expect(longer.extensions).toEqual([extension(10, '2026-03-20')]);
    expect(() => extendClock(c, extension(0, '2026-03-20'))).toThrow(RangeError);
  });

  it('recalibrates after a mid-year amendment: the same ledger, a later deadline, the new version recorded', () => {
    const amended = cal.withYear({
      ...CALENDAR_2026,
      version: 2,
      exceptions: [...CALENDAR_2026.exceptions, { date: '2026-02-24', kind: 'off', holiday: 'spring_festival', nameZh: '春节（延长）' }, { date: '2026-02-25', kind: 'off', holiday: 'spring_festival', nameZh: '春节（延长）' }],
    });
    const c = startClock(at('2026-02-10'), 10, COUNTY, 'county', cal);
    expect(c.calendarVersion).toBe('2025v1+2026v1+2027p1');
    expect(readClock(c, cal, on('2026-02-10')).deadline).toBe('2026-03-02');
    const again = recalibrate(c, amended);
    expect(again).toEqual({ ...c, calendarVersion: '2025v1+2026v2+2027p1' });
    expect(readClock(again, amended, on('2026-02-10'))).toMatchObject({ deadline: '2026-03-04', calendarVersion: '2025v1+2026v2+2027p1' });
  });
});

describe('lights and when to look again', () => {
  /** Walks the days (after the ledger's last entry): every reading stays the same (used days and light) until its nextChangeAt, and differs there. */
  function walk(c: CaseClock, from: string, to: string): string[] {
    const seen: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const r = read(c, d, '00:00');
      seen.push(`${d} ${r.light} ${r.usedDays}`);
      if (r.nextChangeAt === undefined) continue;
      const next = new Date(r.nextChangeAt);
      const before = readClock(c, cal, new Date(next.getTime() - 1));
      const after = readClock(c, cal, next);
      expect([d, before.usedDays, before.light]).toEqual([d, r.usedDays, r.light]);
      expect([d, after.usedDays !== r.usedDays || after.light !== r.light]).toEqual([d, true]);
    }
    return seen;
  }

  it('goes green, yellow (two days left, or 80 % used), red, each change announced by nextChangeAt', () => {
    const seen = walk(start('2026-03-02', 10), '2026-03-02', '2026-03-20');
    expect(seen.filter((s) => s.includes('green')).pop()).toBe('2026-03-11 green 7');
    expect(seen.find((s) => s.includes('yellow'))).toBe('2026-03-12 yellow 8');
    expect(seen.find((s) => s.includes('red'))).toBe('2026-03-17 red 11');
    expect(read(start('2026-03-02', 10), '2026-03-06', '15:00').nextChangeAt).toBe('2026-03-08T16:00:00.000Z'); // Monday 00:00 local
  });

  it('announces the red light on the day off after a Friday deadline', () => {
    const r = read(start('2025-11-14', 5), '2025-11-21');
    expect(r.nextChangeAt).toBe('2025-11-21T16:00:00.000Z'); // Saturday 00:00 local: red, though no working day passed
  });

  it('announces the changes of a capped pause, and none for an open uncapped one', () => {
    walk(pauseClock(start('2026-03-02', 5), 'special_procedure', at('2026-03-03'), { procedure: 'hearing', capDays: 2 }), '2026-03-04', '2026-03-20');
    walk(extendClock(start('2026-02-10', 3), extension(2, '2026-02-11')), '2026-02-12', '2026-03-05');
    expect(read(pauseClock(start('2026-03-02', 5), 'correction', at('2026-03-03')), '2026-03-20').nextChangeAt).toBeUndefined();
  });

  it('follows a policy of its own', () => {
    expect(readClock(start('2026-03-02', 10), cal, on('2026-03-04'), { yellowDaysLeft: 8, yellowShareUsed: 1 }).light).toBe('yellow');
    expect(readClock(start('2026-03-02', 10), cal, on('2026-03-12'), { yellowDaysLeft: 0, yellowShareUsed: 1 }).light).toBe('green');
  });
});

describe('attribution to levels', () => {
  const handedUp = moveClock(moveClock(startClock(at('2026-03-02', '09:00'), 10, TOWNSHIP, 'township', cal), at('2026-03-03', '15:00'), COUNTY, 'in_transit'), at('2026-03-04', '09:00'), COUNTY, 'county');

  it('splits a day by the share of its live time each level held the case', () => {
    const r = read(handedUp, '2026-03-05', '18:00');
    expect(r.usedDays).toBe(3);
    expect(r.byLevel.township).toBeCloseTo(15 / 24, 12);
    expect(r.byLevel.in_transit).toBeCloseTo(9 / 24 + 9 / 24, 12);
    expect(r.byLevel.county).toBeCloseTo(15 / 24 + 1, 12);
    expect(r.byLevel.city).toBe(0);
  });

  it('sums to the days used, whole days going to the level that held them, days off to nobody', () => {
    const toCity = moveClock(moveClock(handedUp, at('2026-03-06', '10:00'), CITY, 'in_transit'), at('2026-03-09', '10:00'), CITY, 'city');
    const r = read(toCity, '2026-03-11');
    expect(r.usedDays).toBe(7);
    expect(r.byLevel.in_transit).toBeCloseTo(9 / 24 + 9 / 24 + 14 / 24 + 10 / 24, 12);
    expect(r.byLevel.city).toBeCloseTo(14 / 24 + 2, 12);
    expect(Math.abs(Object.values(r.byLevel).reduce((a, b) => a + b, 0) - r.usedDays)).toBeLessThan(1e-9);
  });

  it('leaves paused days out, splits only the live part of the last day, and stops at the stop', () => {
    const c = stopClock(resumeClock(pauseClock(handedUp, 'correction', at('2026-03-05', '10:00')), at('2026-03-10', '10:00')), at('2026-03-11', '06:00'));
    const r = read(c, '2026-03-30');
    expect(r).toMatchObject({ usedDays: 4, pausedDays: 3 });
    expect(r.byLevel.county).toBeCloseTo(15 / 24 + 2, 12);
    expect(Math.abs(Object.values(r.byLevel).reduce((a, b) => a + b, 0) - r.usedDays)).toBeLessThan(1e-9);
  });

  it('ignores a move to the same holder', () => {
    expect(moveClock(handedUp, at('2026-03-05'), COUNTY, 'county')).toBe(handedUp);
  });
});

describe('stepReading', () => {
  it('gives a hand-up one working day to be acknowledged: yellow on the day, red after it', () => {
    expect(DEFAULT_STEP_LIMITS).toEqual({ in_transit_up: 1, accepted: 2, result_in_transit_down: 1, awaiting_delivery: 3 });
    const sent = at('2026-02-13', '17:00'); // Friday before Spring Festival; Saturday 02-14 is worked
    expect(stepReading(sent, 1, cal, on('2026-02-13'))).toEqual({ deadline: '2026-02-14', light: 'green', overdueDays: 0 });
    expect(stepReading(sent, 1, cal, on('2026-02-14'))).toEqual({ deadline: '2026-02-14', light: 'yellow', overdueDays: 0 });
    expect(stepReading(sent, 1, cal, on('2026-02-16'))).toEqual({ deadline: '2026-02-14', light: 'red', overdueDays: 0 });
    expect(stepReading(sent, 1, cal, on('2026-02-25'))).toEqual({ deadline: '2026-02-14', light: 'red', overdueDays: 2 });
  });

  it('counts in the city\'s time zone: 17:00 UTC is already the next day', () => {
    expect(stepReading('2026-03-02T17:00:00Z', 2, cal, on('2026-03-04')).deadline).toBe('2026-03-05');
    expect(() => stepReading('soon', 1, cal, on('2026-03-04'))).toThrow(RangeError);
  });
});
