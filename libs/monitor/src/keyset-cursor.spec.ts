import { decodeCursor, encodeCursor } from './keyset-cursor.js';
import { MonitorCursorInvalidError } from './monitor-errors.js';

const CASE = '640104100000202611230000176';

describe('keyset cursor', () => {
  it('gives back the due date and case number it was made from', () => {
    const sut = encodeCursor({ dueOn: '2026-12-07', caseNumber: CASE });
    expect(sut).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(sut)).toEqual({ dueOn: '2026-12-07', caseNumber: CASE });
  });

  it('keeps a case with no due date yet (sorted last) apart from a dated one', () => {
    const sut = encodeCursor({ dueOn: null, caseNumber: CASE });
    expect(decodeCursor(sut)).toEqual({ dueOn: null, caseNumber: CASE });
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['empty', ''],
    ['no separator', Buffer.from(CASE).toString('base64url')],
    ['a bad date', Buffer.from(`2026-13-45|${CASE}`).toString('base64url')],
    ['a day that does not exist', Buffer.from(`2026-02-30|${CASE}`).toString('base64url')],
    ['a bad case number', Buffer.from('2026-12-07|6401041000002026112300001').toString('base64url')],
    ['an extra field', Buffer.from(`2026-12-07|${CASE}|1`).toString('base64url')],
    ['an SQL fragment', Buffer.from(`2026-12-07'); drop table x; --|${CASE}`).toString('base64url')],
  ])('refuses %s with MONITOR_CURSOR_INVALID', (_why, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(MonitorCursorInvalidError);
  });

  it('refuses a cursor with trailing characters that still decode to the same text', () => {
    const sut = `${encodeCursor({ dueOn: '2026-12-07', caseNumber: CASE })}A`;
    expect(() => decodeCursor(sut)).toThrow(MonitorCursorInvalidError);
  });
});
