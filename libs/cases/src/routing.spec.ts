import { decidingNodeFor, nextHopUp, pathDown, pathUp } from './routing.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';
/** 东莞市: townships directly under the city, no county. */
const FLAT_CITY = '441900000000';
const FLAT_TOWNSHIP = '441900100000';

describe('which node decides', () => {
  it.each([
    [TOWNSHIP, 'township', TOWNSHIP],
    [TOWNSHIP, 'county', COUNTY],
    [TOWNSHIP, 'city', CITY],
    [COUNTY, 'county', COUNTY],
    [COUNTY, 'city', CITY],
    [CITY, 'city', CITY],
    [FLAT_TOWNSHIP, 'township', FLAT_TOWNSHIP],
    [FLAT_TOWNSHIP, 'county', FLAT_CITY],
    [FLAT_TOWNSHIP, 'city', FLAT_CITY],
  ] as const)('a matter taken in at %s and decided at %s level goes to %s', (intake, level, node) => {
    expect(decidingNodeFor(intake, level)).toEqual({ ok: true, node });
  });

  it.each([
    [COUNTY, 'township'],
    [CITY, 'township'],
    [CITY, 'county'],
  ] as const)('refuses a %s intake of a %s matter, decided below it', (intake, level) => {
    expect(decidingNodeFor(intake, level)).toEqual({ ok: false, problem: 'LEVEL_BELOW_INTAKE' });
  });

  it.each(['640000000000', '640104100001', 'abc'])('refuses %s, which is no centre', (code) => {
    expect(decidingNodeFor(code, 'city')).toEqual({ ok: false, problem: 'NOT_A_CENTRE' });
  });
});

describe('the path up and back down', () => {
  it('goes township, county, city and back', () => {
    expect(pathUp(TOWNSHIP, CITY)).toEqual([TOWNSHIP, COUNTY, CITY]);
    expect(pathDown(CITY, TOWNSHIP)).toEqual([CITY, COUNTY, TOWNSHIP]);
  });

  it('goes straight from a township to a city with no county between', () => {
    expect(pathUp(FLAT_TOWNSHIP, FLAT_CITY)).toEqual([FLAT_TOWNSHIP, FLAT_CITY]);
    expect(pathDown(FLAT_CITY, FLAT_TOWNSHIP)).toEqual([FLAT_CITY, FLAT_TOWNSHIP]);
  });

  it('is the node alone when it decides', () => {
    expect(pathUp(TOWNSHIP, TOWNSHIP)).toEqual([TOWNSHIP]);
  });

  it('throws for a decider that is not above the intake node (a programming error)', () => {
    expect(() => pathUp(TOWNSHIP, '640121000000')).toThrow('is not above');
  });

  it('finds the next hop up, and none above the city', () => {
    expect(nextHopUp(TOWNSHIP)).toBe(COUNTY);
    expect(nextHopUp(FLAT_TOWNSHIP)).toBe(FLAT_CITY);
    expect(nextHopUp(CITY)).toBeUndefined();
  });
});
