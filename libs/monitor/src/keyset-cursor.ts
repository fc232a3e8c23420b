import { isCalendarDay } from './calendar-day.js';
import { MonitorCursorInvalidError } from './monitor-errors.js';

/**
 * Where a page ended in a list ordered by due date then case number. A live case not yet accepted has
 * no due date and sorts after every dated one (the SQL orders by coalesce(due_on, 'infinity')).
 */
export interface DueKey {
  dueOn: string | null;
  caseNumber: string;
}

const CASE_NUMBER = /^\d{26}[\dX]$/;

/** An opaque, URL-safe cursor for the key of the last row of a page. */
export function encodeCursor(key: DueKey): string {
  return Buffer.from(`${key.dueOn ?? ''}|${key.caseNumber}`, 'utf8').toString('base64url');
}

/** The key a cursor stands for; refuses anything `encodeCursor` could not have made. */
export function decodeCursor(cursor: string): DueKey {
  const invalid = (): never => {
    throw new MonitorCursorInvalidError('分页游标无效，请从第一页重新查询', 'The page cursor is not valid: ask for the first page again', { cursor });
  };
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor)) invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [dueOn, caseNumber, ...rest] = text.split('|');
  if (rest.length > 0 || dueOn === undefined || caseNumber === undefined) return invalid();
  if (dueOn !== '' && !isCalendarDay(dueOn)) invalid();
  if (!CASE_NUMBER.test(caseNumber)) invalid();
  if (encodeCursor({ dueOn: dueOn || null, caseNumber }) !== cursor) invalid();
  return { dueOn: dueOn === '' ? null : dueOn, caseNumber };
}
