import { dayNumber, daysInYear, firstDayOfYear, formatDay, isWeekend, yearOf } from './dates.js';
import { OFFICIAL_YEARS } from './years/index.js';
import {
  HOLIDAYS,
  HOLIDAY_CODES,
  type CalendarException,
  type CalendarYearFile,
  type CalendarYearInfo,
  type DayInfo,
  type LocalCalendarChange,
} from './types.js';

/** One year as flags and running totals, built once per calendar and year on first use. */
interface YearTable {
  first: number;
  /** 1 for a working day, by day of the year (0-based). */
  working: Uint8Array;
  /** prefix[i]: working days among the year's first i days; prefix[length] is the year's total. */
  prefix: Int32Array;
}

const FIRST_YEAR = 1000;
const LAST_YEAR = 9999;

function freezeFile(file: CalendarYearFile): CalendarYearFile {
  return Object.freeze({
    ...file,
    notice: file.notice === null ? null : Object.freeze({ ...file.notice }),
    exceptions: Object.freeze(file.exceptions.map((e) => Object.freeze({ ...e }))),
  });
}

/** A year file that could not be meant: a RangeError naming the first thing wrong. */
function checkFile(file: CalendarYearFile): void {
  const where = `calendar year file ${String(file.year)}`;
  if (!Number.isInteger(file.year) || file.year < FIRST_YEAR || file.year > LAST_YEAR) throw new RangeError(`${where}: the year must be a four-digit integer`);
  if (!Number.isInteger(file.version) || file.version < 1) throw new RangeError(`${where}: the version must be an integer from 1`);
  const seen = new Set<string>();
  for (const e of file.exceptions) {
    const day = dayNumber(e.date);
    if (yearOf(day) !== file.year) throw new RangeError(`${where}: ${e.date} is not in ${file.year}`);
    if (seen.has(e.date)) throw new RangeError(`${where}: ${e.date} is listed twice`);
    seen.add(e.date);
    if (e.kind !== 'off' && e.kind !== 'on') throw new RangeError(`${where}: ${e.date} must be off or on`);
    if (!HOLIDAY_CODES.includes(e.holiday)) throw new RangeError(`${where}: ${e.date} names an unknown holiday ${String(e.holiday)}`);
    if (e.kind === 'on' && !isWeekend(day)) throw new RangeError(`${where}: the make-up working day ${e.date} is not a Saturday or Sunday`);
  }
}

function checkLocal(change: LocalCalendarChange): void {
  dayNumber(change.date);
  if (change.kind !== 'off' && change.kind !== 'on') throw new RangeError(`local calendar change ${change.id}: kind must be off or on`);
  if (!Number.isInteger(change.version) || change.version < 1) throw new RangeError(`local calendar change ${change.id}: the version must be an integer from 1`);
}

/**
 * The official working-day calendar (工作日历): Monday to Friday, less the State Council's holidays, plus
 * its make-up working days (调休), each year from its file; a year without a file is weekends only and
 * provisional. A city's local changes win over the official file for their dates.
 *
 * Immutable: `withYear` and `withLocalChanges` return a new calendar, and `version` names exactly the
 * data used, so a deadline computed before an amendment can be explained after it. Per-year tables are
 * built on first use, so counting and adding working days costs a few array reads per year crossed.
 *
 * Dates are `YYYY-MM-DD` strings; anything else is a RangeError.
 */
export class WorkingCalendar {
  private static officialCalendar: WorkingCalendar | undefined;

  /** Names the data: `2025v1+2026v1+2027p1` (p: provisional), plus `+local:<highest local version>` when the city changed days. */
  readonly version: string;

  private readonly files: ReadonlyMap<number, CalendarYearFile>;
  private readonly local: readonly LocalCalendarChange[];
  private readonly officialByDate = new Map<string, CalendarException>();
  private readonly localByDate = new Map<string, LocalCalendarChange>();
  private readonly tables = new Map<number, YearTable>();

  private constructor(files: readonly CalendarYearFile[], local: readonly LocalCalendarChange[]) {
    const byYear = new Map<number, CalendarYearFile>();
    for (const f of files) {
      checkFile(f);
      byYear.set(f.year, freezeFile(f));
    }
    this.files = new Map([...byYear.entries()].sort(([a], [b]) => a - b));
    for (const f of this.files.values()) for (const e of f.exceptions) this.officialByDate.set(e.date, e);
    local.forEach(checkLocal);
    this.local = Object.freeze(local.map((c) => Object.freeze({ ...c })));
    // For one date the highest version wins; between equal versions, the later in the list.
    for (const c of this.local) {
      const before = this.localByDate.get(c.date);
      if (before === undefined || c.version >= before.version) this.localByDate.set(c.date, c);
    }
    const parts = [...this.files.values()].map((f) => `${f.year}${f.provisional ? 'p' : 'v'}${f.version}`);
    if (this.local.length > 0) parts.push(`local:${Math.max(...this.local.map((c) => c.version))}`);
    this.version = parts.length > 0 ? parts.join('+') : 'weekdays';
  }

  /** The years bundled with this release (see `years/`), no local changes. */
  static official(): WorkingCalendar {
    WorkingCalendar.officialCalendar ??= new WorkingCalendar(OFFICIAL_YEARS, []);
    return WorkingCalendar.officialCalendar;
  }

  /** A calendar from any year files (a later file for the same year replaces an earlier one) and local changes. */
  static from(files: readonly CalendarYearFile[], local: readonly LocalCalendarChange[] = []): WorkingCalendar {
    return new WorkingCalendar(files, local);
  }

  /** The same calendar with `file` in place of the one for its year (an amendment, or a provisional year made official). */
  withYear(file: CalendarYearFile): WorkingCalendar {
    return new WorkingCalendar([...this.files.values(), file], this.local);
  }

  /** The same official years with the city's local changes replaced by `list` (its whole current set). */
  withLocalChanges(list: readonly LocalCalendarChange[]): WorkingCalendar {
    return new WorkingCalendar([...this.files.values()], list);
  }

  /** The year files used, in year order. */
  years(): CalendarYearInfo[] {
    return [...this.files.values()].map((f) => ({
      year: f.year,
      version: f.version,
      provisional: f.provisional,
      notice: f.notice,
      statementZh: f.statementZh,
      statementEn: f.statementEn,
    }));
  }

  localChanges(): readonly LocalCalendarChange[] {
    return this.local;
  }

  /** True when the date's year has no file, or only a provisional one (no notice published yet). */
  isProvisional(date: string): boolean {
    return this.yearIsProvisional(yearOf(dayNumber(date)));
  }

  /** True when the year has no file, or only a provisional one. */
  yearIsProvisional(year: number): boolean {
    return this.files.get(year)?.provisional ?? true;
  }

  isWorkingDay(date: string): boolean {
    const day = dayNumber(date);
    const t = this.table(yearOf(day));
    return t.working[day - t.first] === 1;
  }

  dayInfo(date: string): DayInfo {
    const day = dayNumber(date);
    const provisional = this.yearIsProvisional(yearOf(day));
    const local = this.localByDate.get(date);
    if (local !== undefined) {
      return { date, working: local.kind === 'on', reason: local.kind === 'on' ? 'local_on' : 'local_off', nameZh: local.nameZh, provisional };
    }
    const e = this.officialByDate.get(date);
    if (e !== undefined) {
      const holiday = HOLIDAYS.find((h) => h.code === e.holiday)!;
      const nameEn = e.kind === 'on' ? `working day in exchange for ${holiday.en}` : holiday.en;
      return { date, working: e.kind === 'on', reason: e.kind === 'on' ? 'makeup' : 'holiday', holiday: e.holiday, nameZh: e.nameZh, nameEn, provisional };
    }
    const weekend = isWeekend(day);
    return { date, working: !weekend, reason: weekend ? 'weekend' : 'weekday', provisional };
  }

  /** The n-th working day after `from` (`from` itself not counted); `from` for n = 0. */
  addWorkingDays(from: string, n: number): string {
    const start = dayNumber(from);
    checkCount(n);
    if (n === 0) return from;
    let year = yearOf(start);
    let t = this.table(year);
    let index = start - t.first + 1; // the first day that may count
    let left = n;
    for (;;) {
      const length = t.working.length;
      const available = t.prefix[length] - t.prefix[index];
      if (left <= available) {
        // The smallest j with prefix[j] = prefix[index] + left: day j - 1 is the one.
        const target = t.prefix[index] + left;
        let lo = index + 1;
        let hi = length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (t.prefix[mid] >= target) hi = mid;
          else lo = mid + 1;
        }
        return formatDay(t.first + lo - 1);
      }
      left -= available;
      year += 1;
      if (year > LAST_YEAR) throw new RangeError(`${n} working days after ${from} is beyond ${LAST_YEAR}`);
      t = this.table(year);
      index = 0;
    }
  }

  /** The n-th working day before `from` (`from` itself not counted); `from` for n = 0. */
  subtractWorkingDays(from: string, n: number): string {
    const start = dayNumber(from);
    checkCount(n);
    if (n === 0) return from;
    let year = yearOf(start);
    let t = this.table(year);
    let end = start - t.first; // days before this index may count
    let left = n;
    for (;;) {
      const available = t.prefix[end];
      if (left <= available) {
        // The largest j with prefix[end] - prefix[j] = left: day j is the one.
        const target = t.prefix[end] - left;
        let lo = 0;
        let hi = end - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (t.prefix[mid] <= target) lo = mid;
          else hi = mid - 1;
        }
        return formatDay(t.first + lo);
      }
      left -= available;
      year -= 1;
      if (year < FIRST_YEAR) throw new RangeError(`${n} working days before ${from} is before ${FIRST_YEAR}`);
      t = this.table(year);
      end = t.working.length;
    }
  }

  /** The number of working days d with from < d <= to; 0 when to <= from. */
  workingDaysBetween(from: string, to: string): number {
    const a = dayNumber(from);
    const b = dayNumber(to);
    if (b <= a) return 0;
    const ya = yearOf(a);
    const yb = yearOf(b);
    let count = 0;
    for (let y = ya; y <= yb; y += 1) {
      const t = this.table(y);
      const lo = y === ya ? a - t.first + 1 : 0;
      const hi = y === yb ? b - t.first + 1 : t.working.length;
      count += t.prefix[hi] - t.prefix[lo];
    }
    return count;
  }

  private table(year: number): YearTable {
    const cached = this.tables.get(year);
    if (cached !== undefined) return cached;
    if (year < FIRST_YEAR || year > LAST_YEAR) throw new RangeError(`${year} is outside the calendar`);
    const first = firstDayOfYear(year);
    const length = daysInYear(year);
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i += 1) working[i] = isWeekend(first + i) ? 0 : 1;
    for (const e of this.files.get(year)?.exceptions ?? []) working[dayNumber(e.date) - first] = e.kind === 'on' ? 1 : 0;
    for (const c of this.localByDate.values()) {
      const day = dayNumber(c.date);
      if (day >= first && day < first + length) working[day - first] = c.kind === 'on' ? 1 : 0;
    }
    const prefix = new Int32Array(length + 1);
    for (let i = 0; i < length; i += 1) prefix[i + 1] = prefix[i] + working[i];
    const table = { first, working, prefix };
    this.tables.set(year, table);
    return table;
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${n} is not a number of working days (an integer from 0)`);
}
