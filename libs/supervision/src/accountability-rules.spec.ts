import type { HoldingSegment } from '#libs/cases';
import { responsibleFor } from './accountability-rules.js';

const TOWN = '640104100000';
const COUNTY = '640104000000';
const CITY = '640100000000';

const upToCounty: HoldingSegment[] = [
  { from: '2027-03-01T01:00:00.000Z', node: TOWN, level: 'township' },
  { from: '2027-03-03T01:00:00.000Z', node: COUNTY, level: 'in_transit' },
  { from: '2027-03-04T01:00:00.000Z', node: COUNTY, level: 'county' },
];

describe('responsibleFor: the level and node that answer for a late case', () => {
  it('names the level with the most counted days, and the node of that level that held the case', () => {
    expect(responsibleFor({ township: 2, in_transit: 1, county: 9, city: 0 }, upToCounty, COUNTY)).toEqual({ level: 'county', node: COUNTY });
    expect(responsibleFor({ township: 9, in_transit: 1, county: 2, city: 0 }, upToCounty, COUNTY)).toEqual({ level: 'township', node: TOWN });
  });

  it('never blames the days in transit on a level of their own', () => {
    expect(responsibleFor({ township: 1, in_transit: 6, county: 2, city: 0 }, upToCounty, COUNTY)).toEqual({ level: 'county', node: COUNTY });
  });

  it('gives a tie to the level that held the case last', () => {
    expect(responsibleFor({ township: 3.5, in_transit: 0, county: 3.5, city: 0 }, upToCounty, COUNTY)).toEqual({ level: 'county', node: COUNTY });
    const backDown: HoldingSegment[] = [...upToCounty, { from: '2027-03-20T01:00:00.000Z', node: TOWN, level: 'township' }];
    expect(responsibleFor({ township: 4, in_transit: 0, county: 4, city: 0 }, backDown, TOWN)).toEqual({ level: 'township', node: TOWN });
  });

  it('falls back on the holder when no day has been counted, or there is no clock', () => {
    expect(responsibleFor({ township: 0, in_transit: 0, county: 0, city: 0 }, upToCounty, COUNTY)).toEqual({ level: 'county', node: COUNTY });
    expect(responsibleFor(undefined, [], CITY)).toEqual({ level: 'city', node: CITY });
  });
});
