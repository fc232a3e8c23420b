/**
 * A telephone number as published on a catalog item, written without spaces:
 * a landline with its area code (0951-6192345, 09516192345, 0951-6192345-801),
 * a mobile number (13995012345), a five-digit 12xxx government hotline (12345, 12315, 12333),
 * or a 400 service number (400-810-1234).
 */
const PHONE = /^(?:0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?|1[3-9]\d{9}|12\d{3}|400-?\d{3}-?\d{4})$/;

export function isPhoneNumber(value: unknown): boolean {
  return typeof value === 'string' && PHONE.test(value);
}
