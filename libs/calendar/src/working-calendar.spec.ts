import type { CalendarYearFile, LocalCalendarChange } from './types.js';
import { WorkingCalendar } from './working-calendar.js';
import { CALENDAR_2025, CALENDAR_2026, CALENDAR_2027 } from './years/index.js';

const cal = WorkingCalendar.official();

/** Every date from `from` to `to` inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The off-by-one-free reference: walk day by day. */
function naiveAdd(c: WorkingCalendar, from: string, n: number): string {
  let d = Date.parse(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d += 86_400_000;
    if (c.isWorkingDay(new Date(d).toISOString().slice(0, 10))) left -= 1;
  }
  return new Date(d).toISOString().slice(0, 10);
}

describe('WorkingCalendar: weekends', () => {
  it('works Monday to Friday in an ordinary week and rests at the weekend', () => {
    expect(days('2025-11-17', '2025-11-23').map((d) => cal.isWorkingDay(d))).toEqual([true, true, true, true, true, false, false]);
    expect(cal.dayInfo('2025-11-22')).toEqual({ date: '2025-11-22', working: false, reason: 'weekend', provisional: false });
    expect(cal.dayInfo('2025-11-21')).toEqual({ date: '2025-11-21', working: true, reason: 'weekday', provisional: false });
  });

  it('counts working days after `from`, never `from` itself', () => {
    expect(cal.addWorkingDays('2025-11-21', 1)).toBe('2025-11-24'); // Friday -> Monday
    expect(cal.addWorkingDays('2025-11-22', 1)).toBe('2025-11-24'); // from a Saturday
    expect(cal.addWorkingDays('2025-11-24', 0)).toBe('2025-11-24');
    expect(cal.addWorkingDays('2025-11-24', 20)).toBe('2025-12-22');
    expect(cal.workingDaysBetween('2025-11-21', '2025-11-24')).toBe(1);
    expect(cal.workingDaysBetween('2025-11-24', '2025-11-24')).toBe(0);
    expect(cal.workingDaysBetween('2025-11-25', '2025-11-24')).toBe(0);
    expect(cal.subtractWorkingDays('2025-11-24', 1)).toBe('2025-11-21');
  });

  it('refuses what is not a date or not a number of days', () => {
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('25-1-1')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('WorkingCalendar: holidays and make-up days (调休)', () => {
  it('2025 Spring Festival: 01-28 to 02-04 off, Sunday 01-26 and Saturday 02-08 worked', () => {
    expect(days('2025-01-28', '2025-02-04').filter((d) => cal.isWorkingDay(d))).toEqual([]);
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    expect(cal.isWorkingDay('2025-01-27')).toBe(true);
    expect(cal.dayInfo('2025-01-29')).toMatchObject({ working: false, reason: 'holiday', holiday: 'spring_festival', nameZh: '春节', nameEn: 'Spring Festival' });
    expect(cal.dayInfo('2025-02-08')).toMatchObject({ working: true, reason: 'makeup', holiday: 'spring_festival', nameZh: '春节调休上班' });
    // Accepted Friday 01-24: Sun 01-26 and Mon 01-27 count, then nothing until Wed 02-05.
    expect(cal.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-08')).toBe(6); // 26, 27, 05, 06, 07, 08
  });

  it('2026 Spring Festival: nine days off, Saturdays 02-14 and 02-28 worked', () => {
    expect(days('2026-02-15', '2026-02-23').filter((d) => cal.isWorkingDay(d))).toEqual([]);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.subtractWorkingDays('2026-02-24', 1)).toBe('2026-02-14');
  });

  it('2025 National Day and Mid-Autumn: 10-01 to 10-08 off, Sunday 09-28 and Saturday 10-11 worked', () => {
    expect(days('2025-10-01', '2025-10-08').filter((d) => cal.isWorkingDay(d))).toEqual([]);
    expect(cal.dayInfo('2025-10-06')).toMatchObject({ working: false, holiday: 'mid_autumn', nameZh: '中秋节' });
    expect(cal.dayInfo('2025-09-28')).toMatchObject({ working: true, reason: 'makeup' });
    expect(cal.dayInfo('2025-10-11')).toMatchObject({ working: true, reason: 'makeup' });
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
  });

  it('2026 National Day: 10-01 to 10-07 off, Sunday 09-20 and Saturday 10-10 worked; 中秋节 09-25 is a Friday off', () => {
    expect(days('2026-10-01', '2026-10-07').filter((d) => cal.isWorkingDay(d))).toEqual([]);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.isWorkingDay('2026-09-25')).toBe(false);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3); // 10-08, 10-09, 10-10
  });

  it('crosses the year end: 2025-12-30 + 5 working days is 2026-01-07 (01-01 to 01-03 off, Sunday 01-04 worked)', () => {
    expect(cal.addWorkingDays('2025-12-30', 5)).toBe('2026-01-07'); // 12-31, 01-04, 01-05, 01-06, 01-07
    expect(cal.workingDaysBetween('2025-12-30', '2026-01-07')).toBe(5);
    expect(cal.subtractWorkingDays('2026-01-07', 5)).toBe('2025-12-30');
  });

  it('agrees with a day-by-day walk, forwards and backwards, across all bundled years', () => {
    for (const from of ['2024-12-20', '2025-01-24', '2025-09-26', '2025-12-31', '2026-02-13', '2026-09-18', '2026-12-25', '2027-02-04']) {
      for (const n of [0, 1, 2, 5, 10, 20, 30, 60, 250, 400]) {
        const to = cal.addWorkingDays(from, n);
        expect([from, n, to]).toEqual([from, n, naiveAdd(cal, from, n)]);
        expect(cal.workingDaysBetween(from, to)).toBe(n);
        if (n > 0 && cal.isWorkingDay(to)) expect(cal.subtractWorkingDays(to, n)).toBe(cal.isWorkingDay(from) ? from : cal.subtractWorkingDays(from, 1));
      }
    }
  });
});

describe('WorkingCalendar: provisional years and years without a file', () => {
  it('takes 2027 from the statutory holidays only, provisionally', () => {
    expect(cal.isProvisional('2027-03-01')).toBe(true);
    expect(cal.isProvisional('2026-12-31')).toBe(false);
    expect(cal.dayInfo('2027-02-05')).toMatchObject({ working: false, reason: 'holiday', holiday: 'spring_festival', provisional: true });
    expect(cal.isWorkingDay('2027-02-09')).toBe(true);
    expect(cal.dayInfo('2027-02-09').provisional).toBe(true);
  });

  it('treats a year without a file as weekends only, provisional', () => {
    expect(cal.isProvisional('2028-01-03')).toBe(true);
    expect(cal.isWorkingDay('2028-01-03')).toBe(true); // a Monday (元旦 falls on a Saturday, no file to say otherwise)
    expect(cal.isWorkingDay('2024-10-01')).toBe(true); // no 2024 file: weekdays only
    expect(cal.dayInfo('2024-10-05')).toEqual({ date: '2024-10-05', working: false, reason: 'weekend', provisional: true });
    expect(cal.addWorkingDays('2027-12-30', 2)).toBe('2028-01-03');
  });

  it('describes its data and names it in `version`', () => {
    expect(cal.version).toBe('2025v1+2026v1+2027p1');
    expect(cal.years().map((y) => [y.year, y.version, y.provisional, y.notice?.number ?? null])).toEqual([
      [2025, 1, false, '国办发明电〔2024〕12号'],
      [2026, 1, false, '国办发明电〔2025〕7号'],
      [2027, 1, true, null],
    ]);
    expect(WorkingCalendar.from([]).version).toBe('weekdays');
  });

  it('becomes official when the notice is published and the file replaced', () => {
    const published: CalendarYearFile = { ...CALENDAR_2027, provisional: false, notice: { titleZh: '国务院办公厅关于2027年部分节假日安排的通知', number: 'test', issuedOn: '2026-11-05', url: 'https://example.invalid/2027' } };
    const next = cal.withYear(published);
    expect(next.version).toBe('2025v1+2026v1+2027v1');
    expect(next.isProvisional('2027-03-01')).toBe(false);
    expect(cal.isProvisional('2027-03-01')).toBe(true); // the old calendar is unchanged
  });
});

describe('WorkingCalendar: a mid-year amendment', () => {
  // As in 2020, when the Spring Festival break was extended: 2026-02-24 (Tuesday) and 02-25 made holidays.
  const amended: CalendarYearFile = {
    ...CALENDAR_2026,
    version: 2,
    exceptions: [
      ...CALENDAR_2026.exceptions,
      { date: '2026-02-24', kind: 'off', holiday: 'spring_festival', nameZh: '春节（延长）' },
      { date: '2026-02-25', kind: 'off', holiday: 'spring_festival', nameZh: '春节（延长）' },
    ],
  };

  it('changes the results and the version, leaving the calendar it was made from alone', () => {
    const next = cal.withYear(amended);
    expect(next.version).toBe('2025v1+2026v2+2027p1');
    expect(cal.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(next.addWorkingDays('2026-02-13', 3)).toBe('2026-02-27');
    expect(next.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(3);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
  });

  it('refuses a file that cannot be meant', () => {
    expect(() => cal.withYear({ ...amended, exceptions: [{ date: '2025-02-24', kind: 'off', holiday: 'spring_festival', nameZh: '春节' }] })).toThrow(/not in 2026/);
    expect(() => cal.withYear({ ...amended, exceptions: [{ date: '2026-02-24', kind: 'on', holiday: 'spring_festival', nameZh: '春节调休上班' }] })).toThrow(/not a Saturday or Sunday/);
    expect(() => cal.withYear({ ...amended, exceptions: [...amended.exceptions, amended.exceptions[0]!] })).toThrow(/listed twice/);
    expect(() => cal.withYear({ ...amended, version: 0 })).toThrow(RangeError);
  });
});

describe('WorkingCalendar: local changes', () => {
  const local: LocalCalendarChange[] = [
    { id: 'c1', date: '2026-02-14', kind: 'off', nameZh: '市政务服务中心设备检修', reason: '市政府通知', version: 3 },
    { id: 'c2', date: '2026-02-16', kind: 'on', nameZh: '春节值守窗口开放', reason: '市政府通知', version: 4 },
  ];

  it('win over the official file for their dates and change `version`', () => {
    const c = cal.withLocalChanges(local);
    expect(c.version).toBe('2025v1+2026v1+2027p1+local:4');
    expect(c.isWorkingDay('2026-02-14')).toBe(false);
    expect(c.isWorkingDay('2026-02-16')).toBe(true);
    expect(c.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', working: false, reason: 'local_off', nameZh: '市政务服务中心设备检修', provisional: false });
    expect(c.dayInfo('2026-02-16')).toMatchObject({ working: true, reason: 'local_on' });
    expect(c.addWorkingDays('2026-02-13', 1)).toBe('2026-02-16');
    expect(c.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
  });

  it('keep their place when a year is amended, and are replaced as a whole set', () => {
    const c = cal.withLocalChanges(local).withYear({ ...CALENDAR_2026, version: 2 });
    expect(c.version).toBe('2025v1+2026v2+2027p1+local:4');
    expect(c.isWorkingDay('2026-02-16')).toBe(true);
    expect(c.withLocalChanges([]).version).toBe('2025v1+2026v2+2027p1');
  });

  it('for one date, take the highest version', () => {
    const c = cal.withLocalChanges([
      { id: 'c3', date: '2026-03-02', kind: 'off', nameZh: '停电', reason: '供电检修', version: 6 },
      { id: 'c2', date: '2026-03-02', kind: 'on', nameZh: '恢复办公', reason: '检修取消', version: 7 },
    ]);
    expect(c.dayInfo('2026-03-02').reason).toBe('local_on');
  });
});

describe('the bundled year files', () => {
  it.each([CALENDAR_2025, CALENDAR_2026])('$year: lists make-up days only on weekends, as its notice says', (file) => {
    for (const e of file.exceptions.filter((x) => x.kind === 'on')) expect(cal.dayInfo(e.date).reason).toBe('makeup');
  });

  it('2025: 28 days off in 6 breaks and 5 make-up days (国办发明电〔2024〕12号)', () => {
    expect(CALENDAR_2025.exceptions.filter((e) => e.kind === 'off')).toHaveLength(28);
    expect(CALENDAR_2025.exceptions.filter((e) => e.kind === 'on').map((e) => e.date)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('2026: 33 days off in 7 breaks and 6 make-up days (国办发明电〔2025〕7号)', () => {
    expect(CALENDAR_2026.exceptions.filter((e) => e.kind === 'off')).toHaveLength(33);
    expect(CALENDAR_2026.exceptions.filter((e) => e.kind === 'on').map((e) => e.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('2027 (provisional): the statutory holidays on weekdays only, no make-up days', () => {
    expect(CALENDAR_2027.exceptions.map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2027-01-01 off',
      '2027-02-05 off',
      '2027-02-08 off',
      '2027-04-05 off',
      '2027-06-09 off',
      '2027-09-15 off',
      '2027-10-01 off',
    ]);
    for (const e of CALENDAR_2027.exceptions) expect(cal.dayInfo(e.date).reason).toBe('holiday');
    expect(CALENDAR_2027.notice).toBeNull();
    expect(CALENDAR_2027.statementZh).toMatch(/^2027年放假安排国务院办公厅尚未发布/);
  });

  it('counts 2025 and 2026 working days as the notices imply', () => {
    // 2025: 261 weekdays, 18 of them holidays, 5 weekend days worked -> 248.
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    // 2026: 261 weekdays, 19 of them holidays, 6 weekend days worked -> 248.
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('answers quickly: 40,000 additions and counts within two seconds, even on a busy test machine', () => {
    const started = Date.now();
    for (let i = 0; i < 20_000; i += 1) {
      const to = cal.addWorkingDays('2025-09-26', 20 + (i % 30));
      cal.workingDaysBetween('2025-09-26', to);
    }
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
