import { isRegionCode, tierOfCode } from '#libs/config';

/**
 * 办件编号, unique in the network: the intake node's 12-digit region code, the local date
 * (YYYYMMDD), a 6-digit daily sequence of that node, and an ISO 7064 MOD 11-2 check character
 * (the same scheme as GB 11643), 27 characters: 640104100000 20261123 000017 X.
 * GB/T 39046 names the field but leaves its layout to each platform; the region code keeps it
 * unique without coordination, the date keeps the sequence short, the check catches typos
 * at the public progress lookup.
 */
export const CASE_NUMBER = /^(\d{12})(\d{8})(\d{6})([\dX])$/;
export const MAX_DAILY_SEQUENCE = 999_999;

export interface CaseNumberParts {
  nodeCode: string;
  /** YYYY-MM-DD, the intake node's local date. */
  date: string;
  sequence: number;
}

/** ISO 7064 MOD 11-2 check character for a string of digits. */
export function mod11_2Check(digits: string): string {
  let p = 0;
  for (const ch of digits) p = ((p + Number(ch)) * 2) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}

function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** Formats a case number; throws on parts that cannot form one (a programming error, not input). */
export function formatCaseNumber({ nodeCode, date, sequence }: CaseNumberParts): string {
  if (!isRegionCode(nodeCode) || tierOfCode(nodeCode) === undefined) throw new RangeError(`${nodeCode} is not a centre's region code`);
  if (!isCalendarDate(date)) throw new RangeError(`${date} is not a calendar date (YYYY-MM-DD)`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) throw new RangeError(`sequence ${sequence} is outside 1..${MAX_DAILY_SEQUENCE}`);
  const body = `${nodeCode}${date.replaceAll('-', '')}${String(sequence).padStart(6, '0')}`;
  return `${body}${mod11_2Check(body)}`;
}

/** The parts of a case number, or undefined when it is malformed or its check character is wrong. */
export function parseCaseNumber(value: string): CaseNumberParts | undefined {
  const m = CASE_NUMBER.exec(value);
  if (m === null) return undefined;
  const [, nodeCode, ymd, seq, check] = m as unknown as [string, string, string, string, string];
  if (mod11_2Check(value.slice(0, 26)) !== check) return undefined;
  if (tierOfCode(nodeCode) === undefined) return undefined;
  const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  const sequence = Number(seq);
  if (!isCalendarDate(date) || sequence < 1) return undefined;
  return { nodeCode, date, sequence };
}

export function isCaseNumber(value: string): boolean {
  return parseCaseNumber(value) !== undefined;
}
