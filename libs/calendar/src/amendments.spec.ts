import { amendedCalendar, checkAmendment, NO_AMENDMENTS, withAmendment } from './amendments.js';
import type { CalendarYearFile, LocalCalendarChange } from './types.js';
import { WorkingCalendar } from './working-calendar.js';
import { CALENDAR_2027 } from './years/index.js';

const official = WorkingCalendar.official();

/** 2027 once its notice is out: Spring Festival 02-06 to 02-13 with make-up Saturdays 02-20 and 02-27 (an example, not the real notice). */
const published2027: CalendarYearFile = {
  ...CALENDAR_2027,
  version: 2,
  provisional: false,
  notice: { titleZh: '国务院办公厅关于2027年部分节假日安排的通知', number: '国办发明电〔2026〕1号', issuedOn: '2026-11-05', url: 'https://www.gov.cn/example' },
  exceptions: [
    { date: '2027-01-01', kind: 'off', holiday: 'new_year', nameZh: '元旦' },
    { date: '2027-02-08', kind: 'off', holiday: 'spring_festival', nameZh: '春节' },
    { date: '2027-02-09', kind: 'off', holiday: 'spring_festival', nameZh: '春节' },
    { date: '2027-02-20', kind: 'on', holiday: 'spring_festival', nameZh: '春节调休上班' },
  ],
};

const festival = (over: Partial<LocalCalendarChange> = {}): LocalCalendarChange => ({
  id: 'local-1',
  date: '2027-03-03',
  kind: 'off',
  nameZh: '本地节庆',
  reason: '市政府决定',
  version: 1,
  ...over,
});

describe('the calendar a node uses: the bundled years plus the amendments it holds', () => {
  it('is the official calendar when nothing is held', () => {
    expect(amendedCalendar(NO_AMENDMENTS).version).toBe(official.version);
  });

  it('takes a held year in place of the bundled one and the local changes over both', () => {
    const held = withAmendment(withAmendment(NO_AMENDMENTS, { kind: 'year', year: published2027 }), { kind: 'local', changes: [festival()] });
    const sut = amendedCalendar(held);
    expect(sut.version).toBe('2025v1+2026v1+2027v2+local:1');
    expect(sut.isWorkingDay('2027-02-05')).toBe(true); // the provisional file's 除夕 is gone
    expect(sut.isWorkingDay('2027-02-20')).toBe(true); // a make-up Saturday
    expect(sut.isWorkingDay('2027-03-03')).toBe(false); // the city's festival, a Wednesday
    expect(sut.addWorkingDays('2027-03-01', 2)).toBe('2027-03-04');
  });

  it('keeps a bundled year that is newer than the one held (a later release)', () => {
    const newer = WorkingCalendar.from([{ ...CALENDAR_2027, version: 3 }]);
    expect(amendedCalendar({ years: [published2027], local: [] }, newer).years()[0]).toMatchObject({ year: 2027, version: 3, provisional: true });
  });

  it('replaces a held local change for the same date, so the set has one change a day', () => {
    const once = withAmendment(NO_AMENDMENTS, { kind: 'local', changes: [festival()] });
    const twice = withAmendment(once, { kind: 'local', changes: [festival({ id: 'local-2', kind: 'on', version: 2 })] });
    expect(twice.local.map((c) => c.id)).toEqual(['local-2']);
    expect(amendedCalendar(twice).isWorkingDay('2027-03-03')).toBe(true);
  });

  it('is the same calendar whichever way it is built, so applying the same amendments again changes nothing', () => {
    const held = withAmendment(NO_AMENDMENTS, { kind: 'local', changes: [festival()] });
    expect(amendedCalendar(held).version).toBe(amendedCalendar(withAmendment(held, { kind: 'local', changes: [festival()] })).version);
  });
});

describe('checking an amendment field by field', () => {
  const rules = (a: Parameters<typeof checkAmendment>[0], current?: WorkingCalendar) => checkAmendment(a, current).map((p) => `${p.field}:${p.rule}`);

  it('accepts a published year with a higher version and a local day off on a working day', () => {
    expect(rules({ kind: 'year', year: published2027 }, official)).toEqual([]);
    expect(rules({ kind: 'local', changes: [festival()] }, official)).toEqual([]);
  });

  it('refuses a year whose version does not increase', () => {
    expect(rules({ kind: 'year', year: { ...published2027, version: 1 } }, official)).toEqual(['year.version:versionIncreases']);
  });

  it('refuses days outside the year, twice listed, and a make-up day on a weekday', () => {
    const exceptions = [
      { date: '2026-12-31', kind: 'off' as const, holiday: 'new_year' as const, nameZh: '元旦' },
      { date: '2027-02-08', kind: 'off' as const, holiday: 'spring_festival' as const, nameZh: '春节' },
      { date: '2027-02-08', kind: 'off' as const, holiday: 'spring_festival' as const, nameZh: '春节' },
      { date: '2027-02-10', kind: 'on' as const, holiday: 'spring_festival' as const, nameZh: '春节调休上班' },
      { date: '2027-02-30', kind: 'off' as const, holiday: 'spring_festival' as const, nameZh: '春节' },
    ];
    expect(rules({ kind: 'year', year: { ...published2027, exceptions } }, official)).toEqual([
      'year.exceptions.0.date:inYear',
      'year.exceptions.2.date:unique',
      'year.exceptions.3.kind:makeUpDayOnWeekend',
      'year.exceptions.4.date:isCalendarDate',
    ]);
  });

  it('wants a notice on a published year and none on a provisional one', () => {
    expect(rules({ kind: 'year', year: { ...published2027, notice: null } })).toEqual(['year.notice:noticeRequired']);
    expect(rules({ kind: 'year', year: { ...published2027, provisional: true } })).toEqual(['year.notice:noNoticeWhenProvisional']);
  });

  it('refuses local changes that repeat a date or an id, do not raise the version, or change nothing', () => {
    const current = amendedCalendar(withAmendment(NO_AMENDMENTS, { kind: 'local', changes: [festival({ version: 3 })] }));
    expect(
      rules(
        {
          kind: 'local',
          changes: [
            festival({ id: 'local-1', date: '2027-03-04', version: 4 }),
            festival({ id: 'local-5', date: '2027-03-05', version: 3 }),
            festival({ id: 'local-6', date: '2027-03-05', version: 4 }),
            festival({ id: 'local-7', date: '2027-03-06', version: 4 }),
            festival({ id: 'local-8', date: '2027-03-03', version: 4 }),
          ],
        },
        current,
      ),
    ).toEqual(['localChanges.0.id:unique', 'localChanges.1.version:versionIncreases', 'localChanges.2.date:unique', 'localChanges.3.kind:changesDay', 'localChanges.4.kind:changesDay']);
  });

  it('checks on arrival only what the amendment says of itself, not what the receiving node holds', () => {
    expect(rules({ kind: 'local', changes: [festival({ version: 1 })] })).toEqual([]);
    expect(rules({ kind: 'local', changes: [] })).toEqual(['localChanges:arrayMinSize']);
    expect(rules({ kind: 'local', changes: [festival({ date: '2027-13-01' })] })).toEqual(['localChanges.0.date:isCalendarDate']);
  });
});
