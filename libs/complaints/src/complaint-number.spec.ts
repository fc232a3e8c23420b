import { formatComplaintNumber, parseComplaintNumber } from './complaint-number.js';

describe('complaint numbers (投诉编号)', () => {
  it('formats the taking node, its local date and a four-digit sequence', () => {
    expect(formatComplaintNumber({ nodeCode: '640104100000', date: '2027-03-01', sequence: 7 })).toBe('TS-640104100000-20270301-0007');
  });

  it('grows the sequence beyond four digits on a busy day, and stops at 999999', () => {
    expect(formatComplaintNumber({ nodeCode: '640100000000', date: '2027-12-31', sequence: 12345 })).toBe('TS-640100000000-20271231-12345');
    expect(() => formatComplaintNumber({ nodeCode: '640100000000', date: '2027-12-31', sequence: 1_000_000 })).toThrow(RangeError);
  });

  it('refuses parts that cannot form a number', () => {
    expect(() => formatComplaintNumber({ nodeCode: '640104100001', date: '2027-03-01', sequence: 1 })).toThrow(/region code/);
    expect(() => formatComplaintNumber({ nodeCode: '640104100000', date: '2027-02-30', sequence: 1 })).toThrow(/calendar date/);
    expect(() => formatComplaintNumber({ nodeCode: '640104100000', date: '2027-03-01', sequence: 0 })).toThrow(/sequence/);
  });

  it('reads back what it formats', () => {
    const parts = { nodeCode: '640104000000', date: '2026-11-23', sequence: 42 };
    expect(parseComplaintNumber(formatComplaintNumber(parts))).toEqual(parts);
  });

  it.each([
    ['a case number', '640104100000202611230000176'],
    ['lower-case letters', 'ts-640104100000-20270301-0007'],
    ['a village code', 'TS-640104100001-20270301-0007'],
    ['a date that does not exist', 'TS-640104100000-20270230-0007'],
    ['sequence zero', 'TS-640104100000-20270301-0000'],
    ['a three-digit sequence', 'TS-640104100000-20270301-007'],
    ['a second spelling of the same number', 'TS-640104100000-20270301-00007'],
  ])('refuses %s', (_what, value) => {
    expect(parseComplaintNumber(value)).toBeUndefined();
  });
});
