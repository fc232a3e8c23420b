import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, isValidCreditCode as sut } from './credit-code.js';

describe('isValidCreditCode (GB 32100)', () => {
  it('accepts the standard example 91350100M000100Y43', () => {
    expect(sut('91350100M000100Y43')).toBe(true);
  });

  it('computes the check character 3 for the example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses the example with any other check character', () => {
    const others = [...CREDIT_CODE_ALPHABET].filter((c) => c !== '3');
    expect(others.filter((c) => sut(`91350100M000100Y4${c}`))).toEqual([]);
  });

  it('refuses a code with one changed body character', () => {
    expect(sut('91350100M000101Y43')).toBe(false);
  });

  it('refuses the letters I, O, S, V and Z, which the alphabet leaves out', () => {
    for (const letter of 'IOSVZ') expect(sut(`91350100M000100${letter}43`)).toBe(false);
  });

  it('refuses lower case, wrong lengths and values that are not strings', () => {
    expect(sut('91350100m000100y43')).toBe(false);
    expect(sut('91350100M000100Y4')).toBe(false);
    expect(sut('91350100M000100Y433')).toBe(false);
    expect(sut('')).toBe(false);
    expect(sut(undefined)).toBe(false);
    expect(sut(913501001)).toBe(false);
  });

  it('accepts a code whose check character is computed as 0 (sum divisible by 31)', () => {
    const body = findBodyWithCheck('0');
    expect(sut(`${body}0`)).toBe(true);
  });
});

/** A 17-character body whose check character is the one wanted, found by varying the last digits. */
function findBodyWithCheck(check: string): string {
  for (let n = 0; n < 1000; n++) {
    const body = `91640100MA76${String(n).padStart(5, '0')}`;
    if (creditCodeCheckChar(body) === check) return body;
  }
  throw new Error(`no body found for check ${check}`);
}
