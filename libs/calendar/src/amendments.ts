import { dayNumber, isWeekend, yearOf } from './dates.js';
import { HOLIDAY_CODES, type CalendarYearFile, type LocalCalendarChange } from './types.js';
import { WorkingCalendar } from './working-calendar.js';

/**
 * What a node holds beyond the years bundled with its release: year files the city sent after the
 * release (a notice published, a year amended mid-way as in 2020) and the city's own local changes.
 */
export interface CalendarAmendments {
  years: readonly CalendarYearFile[];
  local: readonly LocalCalendarChange[];
}

export const NO_AMENDMENTS: CalendarAmendments = Object.freeze({ years: [], local: [] });

/** One amendment: a whole year file in place of the one for its year, or local changes added to the city's set. */
export type CalendarAmendment = { kind: 'year'; year: CalendarYearFile } | { kind: 'local'; changes: readonly LocalCalendarChange[] };

/** A field that breaks a rule: the same shape as an HTTP validation error's entries (zh-CN first). */
export interface AmendmentProblem {
  field: string;
  rule: string;
  message: string;
  messageEn: string;
}

/**
 * The calendar a node uses: the bundled years with the amendments it holds. A held year file replaces
 * the bundled one unless the release bundles a newer version of that year; the local changes win over both.
 */
export function amendedCalendar(held: CalendarAmendments, base: WorkingCalendar = WorkingCalendar.official()): WorkingCalendar {
  const bundled = new Map(base.years().map((y) => [y.year, y.version]));
  let calendar = base;
  for (const file of held.years) if ((bundled.get(file.year) ?? 0) <= file.version) calendar = calendar.withYear(file);
  return held.local.length > 0 ? calendar.withLocalChanges(held.local) : calendar;
}

/** The amendments held after one more: its year file replaces the held one for that year; its local changes replace those for the same dates. */
export function withAmendment(held: CalendarAmendments, a: CalendarAmendment): CalendarAmendments {
  if (a.kind === 'year') return { years: [...held.years.filter((f) => f.year !== a.year.year), a.year].sort((x, y) => x.year - y.year), local: held.local };
  const dates = new Set(a.changes.map((c) => c.date));
  return { years: held.years, local: [...held.local.filter((c) => !dates.has(c.date)), ...a.changes] };
}

const problem = (field: string, rule: string, message: string, messageEn: string): AmendmentProblem => ({ field, rule, message, messageEn });

function isDate(value: unknown): value is string {
  try {
    dayNumber(value as string);
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with an amendment, field by field (`year.exceptions.3.date`, `localChanges.0.version`).
 * Without `current`, only what the amendment says about itself (what every node checks on arrival);
 * with the calendar in force, also that it moves forward: a higher year version, higher local versions,
 * ids not used before, and each local change changing its day.
 */
export function checkAmendment(a: CalendarAmendment, current?: WorkingCalendar, at: string = a.kind === 'year' ? 'year' : 'localChanges'): AmendmentProblem[] {
  return a.kind === 'year' ? checkYearFile(a.year, current, at) : checkLocalChanges(a.changes, current, at);
}

export function checkYearFile(file: CalendarYearFile, current?: WorkingCalendar, at = 'year'): AmendmentProblem[] {
  const out: AmendmentProblem[] = [];
  if (!Number.isInteger(file.year) || file.year < 1000 || file.year > 9999) {
    return [problem(`${at}.year`, 'yearRange', `${at}.year 必须是四位数年份`, `${at}.year must be a four-digit year`)];
  }
  if (!Number.isInteger(file.version) || file.version < 1) out.push(problem(`${at}.version`, 'min', `${at}.version 必须是从 1 起的整数`, `${at}.version must be an integer from 1`));
  else if (current) {
    const inForce = current.years().find((y) => y.year === file.year)?.version ?? 0;
    if (file.version <= inForce) {
      out.push(problem(`${at}.version`, 'versionIncreases', `${file.year} 年日历现行版本为 ${inForce}，新版本须大于它`, `the ${file.year} calendar in force is version ${inForce}; the new version must be higher`));
    }
  }
  if (!file.provisional && !file.notice) {
    out.push(problem(`${at}.notice`, 'noticeRequired', '正式（非暂定）的年度日历须注明所依据的国务院办公厅通知', 'a year that is not provisional must name the State Council notice it comes from'));
  }
  if (file.provisional && file.notice) {
    out.push(problem(`${at}.notice`, 'noNoticeWhenProvisional', '暂定的年度日历不能注明通知（通知发布后即为正式日历）', 'a provisional year has no notice (once the notice is out, the year is not provisional)'));
  }
  if (file.notice && !isDate(file.notice.issuedOn)) {
    out.push(problem(`${at}.notice.issuedOn`, 'isCalendarDate', `${at}.notice.issuedOn 必须是有效日期（YYYY-MM-DD）`, `${at}.notice.issuedOn must be a valid date (YYYY-MM-DD)`));
  }
  const seen = new Set<string>();
  file.exceptions.forEach((e, i) => {
    const f = `${at}.exceptions.${i}`;
    if (!isDate(e.date)) {
      out.push(problem(`${f}.date`, 'isCalendarDate', `${f}.date 必须是有效日期（YYYY-MM-DD）`, `${f}.date must be a valid date (YYYY-MM-DD)`));
      return;
    }
    const day = dayNumber(e.date);
    if (yearOf(day) !== file.year) out.push(problem(`${f}.date`, 'inYear', `${e.date} 不在 ${file.year} 年内`, `${e.date} is not in ${file.year}`));
    if (seen.has(e.date)) out.push(problem(`${f}.date`, 'unique', `${e.date} 重复列出`, `${e.date} is listed twice`));
    seen.add(e.date);
    if (e.kind !== 'off' && e.kind !== 'on') out.push(problem(`${f}.kind`, 'isIn', `${f}.kind 必须是 off（休息）或 on（上班）`, `${f}.kind must be off or on`));
    else if (e.kind === 'on' && !isWeekend(day)) {
      out.push(problem(`${f}.kind`, 'makeUpDayOnWeekend', `调休上班日 ${e.date} 必须是周六或周日`, `the make-up working day ${e.date} must be a Saturday or Sunday`));
    }
    if (!HOLIDAY_CODES.includes(e.holiday)) out.push(problem(`${f}.holiday`, 'isIn', `${f}.holiday 不是法定节日代码`, `${f}.holiday is not a holiday code`));
  });
  return out;
}

export function checkLocalChanges(changes: readonly LocalCalendarChange[], current?: WorkingCalendar, at = 'localChanges'): AmendmentProblem[] {
  const out: AmendmentProblem[] = [];
  if (changes.length === 0) return [problem(at, 'arrayMinSize', `${at} 至少须有一项调整`, `${at} must list at least one change`)];
  const highest = current ? Math.max(0, ...current.localChanges().map((c) => c.version)) : 0;
  const usedIds = new Set(current?.localChanges().map((c) => c.id));
  const dates = new Set<string>();
  const ids = new Set<string>();
  changes.forEach((c, i) => {
    const f = `${at}.${i}`;
    if (ids.has(c.id) || usedIds.has(c.id)) out.push(problem(`${f}.id`, 'unique', `调整编号 ${c.id} 已被使用`, `the change id ${c.id} is already used`));
    ids.add(c.id);
    if (!Number.isInteger(c.version) || c.version < 1) out.push(problem(`${f}.version`, 'min', `${f}.version 必须是从 1 起的整数`, `${f}.version must be an integer from 1`));
    else if (current && c.version <= highest) {
      out.push(problem(`${f}.version`, 'versionIncreases', `本地调整现行最高版本为 ${highest}，新调整的版本须大于它`, `the highest local change version in force is ${highest}; a new change's version must be higher`));
    }
    const kindOk = c.kind === 'off' || c.kind === 'on';
    if (!kindOk) out.push(problem(`${f}.kind`, 'isIn', `${f}.kind 必须是 off（休息）或 on（上班）`, `${f}.kind must be off or on`));
    if (!isDate(c.date)) {
      out.push(problem(`${f}.date`, 'isCalendarDate', `${f}.date 必须是有效日期（YYYY-MM-DD）`, `${f}.date must be a valid date (YYYY-MM-DD)`));
      return;
    }
    if (dates.has(c.date)) out.push(problem(`${f}.date`, 'unique', `${c.date} 重复列出`, `${c.date} is listed twice`));
    dates.add(c.date);
    if (current && kindOk && current.isWorkingDay(c.date) === (c.kind === 'on')) {
      const zh = c.kind === 'on' ? '工作日' : '休息日';
      out.push(problem(`${f}.kind`, 'changesDay', `${c.date} 在现行日历中已是${zh}，无需调整`, `${c.date} is already a ${c.kind === 'on' ? 'working day' : 'day off'} in the calendar in force`));
    }
  });
  return out;
}
