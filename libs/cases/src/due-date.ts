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
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
