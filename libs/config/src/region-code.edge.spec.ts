import { isRegionCode, parentCodeOf, tierOfCode, townshipKind } from './region-code.js';

describe('region codes at the edges', () => {
  it('reads a township of a city without counties (东莞市) as a township', () => {
    expect(tierOfCode('441900100000')).toBe('township');
  });

  it('gives a township of a city without counties the city as its parent', () => {
    expect(parentCodeOf('441900100000')).toBe('441900000000');
  });

  it('gives a county the city as its parent', () => {
    expect(parentCodeOf('640121000000')).toBe('640100000000');
  });

  it.each([
    ['province', '640000000000'],
    ['village', '640104100001'],
    ['village committee of a city-level township', '441900100201'],
  ])('gives no tier and no parent for a %s code (%s)', (_kind, code) => {
    expect(tierOfCode(code)).toBeUndefined();
    expect(parentCodeOf(code)).toBeUndefined();
  });

  it.each(['64010400000', '6401040000000', '64010410000a', '６４０１０４０００００００', ' 640104000000', ''])(
    'refuses "%s", which is not twelve ASCII digits',
    (code) => {
      expect(isRegionCode(code)).toBe(false);
      expect(tierOfCode(code)).toBeUndefined();
      expect(parentCodeOf(code)).toBeUndefined();
      expect(townshipKind(code)).toBeUndefined();
    },
  );

  it('gives no township kind for a county or city code', () => {
    expect(townshipKind('640104000000')).toBeUndefined();
    expect(townshipKind('640100000000')).toBeUndefined();
  });

  it('gives no township kind for township digits 400 and above', () => {
    expect(townshipKind('640104400000')).toBeUndefined();
  });

  it('tells the kinds apart at their boundaries', () => {
    expect(townshipKind('640104099000')).toBe('街道');
    expect(townshipKind('640104199000')).toBe('镇');
    expect(townshipKind('640104399000')).toBe('乡');
  });
});
