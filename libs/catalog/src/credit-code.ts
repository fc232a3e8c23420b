/** GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters, the last a check character. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * The check character for the first 17 characters of a credit code, or undefined when they are not
 * 17 characters of the code's alphabet (which leaves out I, O, S, V and Z, and lower case).
 */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== WEIGHTS.length) return undefined;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Whether a value is an 18-character credit code whose check character is right. */
export function isValidCreditCode(code: unknown): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  const check = creditCodeCheckChar(code.slice(0, 17));
  return check !== undefined && check === code[17];
}
