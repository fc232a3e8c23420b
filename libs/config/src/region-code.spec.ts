import { parentCodeOf, tierOfCode, townshipKind } from './region-code.js';

describe('region codes', () => {
  it('reads the tier from the trailing zeros of a 12-digit code', () => {
    expect(tierOfCode('640100000000')).toBe('city');
    expect(tierOfCode('640104000000')).toBe('county');
    expect(tierOfCode('640104100000')).toBe('township');
  });

  it('finds a township parent from its digits', () => {
    expect(parentCodeOf('640104100000')).toBe('640104000000');
    expect(parentCodeOf('640104000000')).toBe('640100000000');
    expect(parentCodeOf('640100000000')).toBeUndefined();
  });

  it('tells a sub-district, a town and a township apart', () => {
    expect(townshipKind('640104001000')).toBe('街道');
    expect(townshipKind('640104100000')).toBe('镇');
    expect(townshipKind('640104200000')).toBe('乡');
  });
});
