import { residentIdCheckChar } from '#libs/domain';
import { formatCaseNumber, isCaseNumber, mod11_2Check, parseCaseNumber } from './case-number.js';

const PARTS = { nodeCode: '640104100000', date: '2026-11-23', sequence: 17 };

describe('case numbers (办件编号)', () => {
  it('lays out node code, date, daily sequence and check character in 27 characters', () => {
    const sut = formatCaseNumber(PARTS);
    expect(sut).toHaveLength(27);
    expect(sut.slice(0, 26)).toBe('64010410000020261123000017');
    expect(sut[26]).toBe(mod11_2Check(sut.slice(0, 26)));
  });

  it('uses the check scheme of the resident ID (ISO 7064 MOD 11-2)', () => {
    expect(mod11_2Check('11010519491231002')).toBe('X');
    for (const body of ['64010419900101123', '44190020001231000', '00000000000000000']) expect(mod11_2Check(body)).toBe(residentIdCheckChar(body));
  });

  it('parses back what it formats', () => {
    expect(parseCaseNumber(formatCaseNumber(PARTS))).toEqual(PARTS);
    expect(parseCaseNumber(formatCaseNumber({ nodeCode: '441900100000', date: '2028-02-29', sequence: 999_999 }))).toEqual({ nodeCode: '441900100000', date: '2028-02-29', sequence: 999_999 });
  });

  it('catches every single mistyped digit and every swap of neighbours', () => {
    const good = formatCaseNumber(PARTS);
    for (let i = 0; i < 26; i++) {
      for (const d of '0123456789') {
        if (d === good[i]) continue;
        expect(isCaseNumber(good.slice(0, i) + d + good.slice(i + 1))).toBe(false);
      }
      if (i < 25 && good[i] !== good[i + 1]) expect(isCaseNumber(good.slice(0, i) + good[i + 1] + good[i] + good.slice(i + 2))).toBe(false);
    }
  });

  it.each(['', '64010410000020261123000017', '6401041000002026112300001700', 'x'.repeat(27), '64010410000020261123000017x'])('refuses "%s"', (value) => {
    expect(parseCaseNumber(value)).toBeUndefined();
  });

  it('refuses a well-checked number with an impossible date, sequence 0 or a non-centre code', () => {
    const withCheck = (body: string): string => body + mod11_2Check(body);
    expect(isCaseNumber(withCheck('64010410000020260230000017'))).toBe(false);
    expect(isCaseNumber(withCheck('64010410000020261123000000'))).toBe(false);
    expect(isCaseNumber(withCheck('64010410000120261123000017'))).toBe(false);
  });

  it.each([
    [{ ...PARTS, nodeCode: '640000000000' }, 'not a centre'],
    [{ ...PARTS, date: '2026-02-30' }, 'not a calendar date'],
    [{ ...PARTS, date: '20261123' }, 'not a calendar date'],
    [{ ...PARTS, sequence: 0 }, 'outside'],
    [{ ...PARTS, sequence: 1_000_000 }, 'outside'],
    [{ ...PARTS, sequence: 1.5 }, 'outside'],
  ])('will not format %j (%s)', (parts, message) => {
    expect(() => formatCaseNumber(parts)).toThrow(message);
  });
});

describe('the documented example', () => {
  it('is the 17th case of 掌政镇 on 2026-11-23, as docs/cases.md says', () => {
    expect(formatCaseNumber(PARTS)).toBe('640104100000202611230000176');
  });
});
