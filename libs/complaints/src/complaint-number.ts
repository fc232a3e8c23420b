import { tierOfCode } from '#libs/config';
import { COMPLAINT_NUMBER } from '#libs/contracts';

/**
 * 投诉编号: `TS-<taking node>-<local date>-<sequence>`, e.g. `TS-640104100000-20270301-0007`, the 7th
 * complaint taken at 掌政镇 on 2027-03-01. The node code makes it unique without coordination; the
 * date keeps the sequence short; the letters say at a glance that it is a complaint (投诉), not a case.
 * The sequence has at least four digits and grows to six on a very busy day.
 */
export interface ComplaintNumberParts {
  nodeCode: string;
  /** YYYY-MM-DD, the taking node's local date. */
  date: string;
  sequence: number;
}

export const MAX_COMPLAINT_SEQUENCE = 999_999;

function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** Formats a complaint number; throws on parts that cannot form one (a programming error, not input). */
export function formatComplaintNumber({ nodeCode, date, sequence }: ComplaintNumberParts): string {
  if (tierOfCode(nodeCode) === undefined) throw new RangeError(`${nodeCode} is not a centre's region code`);
  if (!isCalendarDate(date)) throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_COMPLAINT_SEQUENCE) throw new RangeError(`sequence ${sequence} is outside 1..${MAX_COMPLAINT_SEQUENCE}`);
  return `TS-${nodeCode}-${date.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

/** The parts of a complaint number, or undefined when it is not one (bad shape, node, date or sequence). */
export function parseComplaintNumber(value: string): ComplaintNumberParts | undefined {
  const m = COMPLAINT_NUMBER.exec(value);
  if (m === null) return undefined;
  const [, nodeCode, ymd, seq] = m as unknown as [string, string, string, string];
  if (tierOfCode(nodeCode) === undefined) return undefined;
  const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  const sequence = Number(seq);
  // One spelling per number: no padding beyond four digits.
  if (!isCalendarDate(date) || sequence < 1 || (seq.length > 4 && seq.startsWith('0'))) return undefined;
  return { nodeCode, date, sequence };
}
