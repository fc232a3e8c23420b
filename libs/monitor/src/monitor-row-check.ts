import { OUTCOMES, STATUS_CODES, UNDECIDED } from '#libs/cases';
import { isCalendarDay } from './calendar-day.js';
import { MONITOR_LIGHTS, type MonitorCaseRow } from './monitor-case-row.js';
import { MonitorRowInvalidError } from './monitor-errors.js';

const NODE = /^\d{12}$/;
const isDate = (v: string | null): boolean => v === null || isCalendarDay(v);
const isLight = (v: string | null): boolean => v === null || (MONITOR_LIGHTS as readonly string[]).includes(v);

/**
 * What is wrong with a row, in English, or nothing. The table's CHECK constraints say the same; this
 * says it before the write, with every problem at once, so a consumer parks the row instead of
 * retrying a constraint violation.
 */
export function monitorRowProblems(row: MonitorCaseRow): string[] {
  const p: string[] = [];
  if (!/^\d{26}[\dX]$/.test(row.caseNumber)) p.push(`caseNumber ${row.caseNumber} is not a case number`);
  for (const f of ['intakeNode', 'holder', 'decidingNode'] as const) if (!NODE.test(row[f])) p.push(`${f} ${row[f]} is not a node code`);
  if (!STATUS_CODES.includes(row.status)) p.push(`status ${row.status} is unknown`);
  if (row.outcome !== null && !(OUTCOMES as readonly string[]).includes(row.outcome)) p.push(`outcome ${row.outcome} is unknown`);
  if (row.live !== (row.outcome === null)) p.push('live must be true exactly when there is no outcome');
  if (row.live !== UNDECIDED.includes(row.status)) p.push(`status ${row.status} does not agree with live = ${row.live}`);
  if (!isLight(row.light)) p.push(`light ${row.light} is not green, yellow or red`);
  if (!isLight(row.stepLight)) p.push(`stepLight ${row.stepLight} is not green, yellow or red`);
  if (!row.live && (row.light !== null || row.stepLight !== null || row.lightDueAt !== null)) p.push('a closed case has no light and no light check due');
  if (row.live && (row.closedOn !== null || row.closedLate !== null)) p.push('a live case has no closedOn or closedLate');
  for (const f of ['receivedOn', 'acceptedOn', 'dueOn', 'closedOn'] as const) if (!isDate(row[f])) p.push(`${f} ${row[f]} is not a date (YYYY-MM-DD)`);
  if (row.lightDueAt !== null && Number.isNaN(Date.parse(row.lightDueAt))) p.push(`lightDueAt ${row.lightDueAt} is not an ISO 8601 time`);
  if (!Number.isInteger(row.overdueDays) || row.overdueDays < 0) p.push(`overdueDays ${row.overdueDays} is not a whole number >= 0`);
  if (!Number.isInteger(row.supervisionRound) || row.supervisionRound < 0 || row.supervisionRound > 2) p.push(`supervisionRound ${row.supervisionRound} is not 0, 1 or 2`);
  if (!Number.isInteger(row.version) || row.version < 0) p.push(`version ${row.version} is not a whole number >= 0`);
  return p;
}

export function assertMonitorRow(row: MonitorCaseRow): void {
  const problems = monitorRowProblems(row);
  if (problems.length > 0) {
    throw new MonitorRowInvalidError('监察视图收到不合规的办件行', `The monitor row of case ${row.caseNumber} is invalid: ${problems.join('; ')}`, { problems });
  }
}
