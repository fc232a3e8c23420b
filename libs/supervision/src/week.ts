/** The Monday starting an ISO week (`2026-W48`) and the Monday after it, as dates. */
export function isoWeekRange(week: string): { from: string; to: string } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new RangeError(`${week} is not an ISO week`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  // Week 1 is the week with the year's first Thursday; 4 January is always in it.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (n - 1) * 7 * 86_400_000);
  const next = new Date(monday.getTime() + 7 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: next.toISOString().slice(0, 10) };
}

/** The ISO week a date (YYYY-MM-DD) falls in. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
