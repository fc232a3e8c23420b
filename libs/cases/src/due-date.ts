import { dayNumber, formatDay } from '#libs/calendar';

const DAY_MS = 86_400_000;
const CITY_OFFSET_MS = 8 * 3_600_000;

/**
 * The committed completion date (承诺办结时间): `days` working days after the day of acceptance.
 * Until the official calendar arrives (holidays and make-up working days as data), a working day
 * is Monday to Friday; the day of acceptance itself is not counted. Dates are `YYYY-MM-DD`.
 */
export function addWorkingDays(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`${from} is not a date`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

/** The calendar date at a moment in the city's time zone (Asia/Shanghai, UTC+8, no daylight saving). */
export function localDate(at: Date): string {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('localDate: invalid date');
  return formatDay(Math.floor((ms + CITY_OFFSET_MS) / DAY_MS));
}

/** The instant (epoch milliseconds) at which a local date begins in the city: its 00:00 at UTC+8. */
export function localMidnight(date: string): number {
  return dayNumber(date) * DAY_MS - CITY_OFFSET_MS;
}
