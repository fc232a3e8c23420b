/** The three tiers of service centre, read from a 12-digit region code (统计用区划代码). */
export type Tier = 'city' | 'county' | 'township';
export const TIERS: readonly Tier[] = ['city', 'county', 'township'];

const CODE = /^\d{12}$/;

export function isRegionCode(code: string): boolean {
  return CODE.test(code);
}

/**
 * A city code ends in eight zeros, a county in six, a township in three (digits 10-12 are the
 * village). Returns undefined for a code that is none of these (a province or a village).
 */
export function tierOfCode(code: string): Tier | undefined {
  if (!isRegionCode(code)) return undefined;
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  const township = code.slice(6, 9);
  const village = code.slice(9, 12);
  if (village !== '000') return undefined;
  if (city === '00') return undefined;
  if (county === '00') return township === '000' ? 'city' : 'township';
  return township === '000' ? 'county' : 'township';
}

/** The region a code sits in one level up, by its digits: township → county (or city), county → city. */
export function parentCodeOf(code: string): string | undefined {
  const tier = tierOfCode(code);
  if (tier === 'city' || tier === undefined) return undefined;
  if (tier === 'county') return `${code.slice(0, 4)}00000000`;
  const county = `${code.slice(0, 6)}000000`;
  return code.slice(4, 6) === '00' ? `${code.slice(0, 4)}00000000` : county;
}

/** The kind of township by its digits 7-9: 001-099 sub-district, 100-199 town, 200-399 township. */
export function townshipKind(code: string): '街道' | '镇' | '乡' | undefined {
  if (tierOfCode(code) !== 'township') return undefined;
  const n = Number(code.slice(6, 9));
  if (n >= 1 && n <= 99) return '街道';
  if (n >= 100 && n <= 199) return '镇';
  if (n >= 200 && n <= 399) return '乡';
  return undefined;
}
