/**
 * Plain `YYYY-MM-DD` dates as day numbers (days since 1970-01-01), by integer arithmetic on the proleptic
 * Gregorian calendar (H. Hinnant's days_from_civil): no time zone and no Date objects, so that a
 * calendar can answer thousands of cases a second.
 */

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The day number of a `YYYY-MM-DD` date (years 1000-9999); a RangeError for anything else, 2026-02-30 included. */
export function dayNumber(date: string): number {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') throw new RangeError(`${String(date)} is not a YYYY-MM-DD date`);
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!)) throw new RangeError(`${date} is not a date`);
  return daysFromCivil(y, m, d);
}

export function formatDay(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const wd = weekdayOf(day);
  return wd === 0 || wd === 6;
}

export function yearOf(day: number): number {
  return civilFromDays(day)[0];
}

export function firstDayOfYear(year: number): number {
  return daysFromCivil(year, 1, 1);
}

export function daysInYear(year: number): number {
  return isLeap(year) ? 366 : 365;
}

/** The calendar date `n` days after `date` (before, for negative n), working or not. */
export function addDays(date: string, n: number): string {
  return formatDay(dayNumber(date) + n);
}
