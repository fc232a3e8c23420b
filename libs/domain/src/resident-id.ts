/**
 * Resident identity numbers (居民身份证号码, GB 11643): 17 digits and a check character. They are
 * personal data: shown and logged only masked.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^[1-9]\d{16}[\dX]$/;

/** The check character (0-9 or X) for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Whether `value` is an 18-character resident ID with a valid check character (upper-case X). */
export function isResidentId(value: string): boolean {
  return SHAPE.test(value) && residentIdCheckChar(value) === value[17];
}

/** `11010519491231002X` → `1101**********002X`: the province and city, and the last four. */
export function maskResidentId(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/**
 * Masks everything in a text that could be a resident ID: 18 characters, digits with a final digit
 * or X, not part of a longer run. The check digit is not required, so a mistyped number is masked too.
 */
const IN_TEXT = /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g;

export function maskResidentIdsInText(text: string): string {
  return text.replace(IN_TEXT, (m) => maskResidentId(m));
}
