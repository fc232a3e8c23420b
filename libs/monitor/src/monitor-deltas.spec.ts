import { parentCodeOf, tierOfCode } from '#libs/config';
import { areaOf, contribution, monitorDelta, readingChanged, sumDeltas, supersedes } from './monitor-deltas.js';
import { makeClosedMonitorRow, makeMonitorRow } from './testing/monitor-row.factory.js';

const TOWNSHIP = '640104100000';
const COUNTY = '640104000000';

describe('what a case row adds to the aggregates', () => {
  it('counts a live case once at its holder, status and light, and its received and accepted days at the intake node', () => {
    const sut = contribution(makeMonitorRow());
    expect(sut.counts).toEqual([{ node: COUNTY, status: 'under_review', light: 'green', live: true, n: 1 }]);
    expect(sut.areas).toEqual([{ node: COUNTY, status: 'under_review', light: 'green', live: true, n: 1 }]);
    expect(sut.nodes).toEqual([{ node: COUNTY, live: 1, closed: 0, green: 1, yellow: 0, red: 0 }]);
    expect(sut.days).toEqual([
      { node: TOWNSHIP, day: '2026-11-23', received: 1, accepted: 0, closed: 0, closedLate: 0 },
      { node: TOWNSHIP, day: '2026-11-23', received: 0, accepted: 1, closed: 0, closedLate: 0 },
    ]);
  });

  it('counts a closed case under the empty light and its closing day at the deciding node, late or not', () => {
    const sut = contribution(makeClosedMonitorRow({ closedLate: true }));
    expect(sut.counts).toEqual([{ node: TOWNSHIP, status: 'awaiting_delivery', light: '', live: false, n: 1 }]);
    expect(sut.areas).toEqual([{ node: COUNTY, status: 'awaiting_delivery', light: '', live: false, n: 1 }]);
    expect(sut.nodes).toEqual([{ node: TOWNSHIP, live: 0, closed: 1, green: 0, yellow: 0, red: 0 }]);
    expect(sut.days).toContainEqual({ node: COUNTY, day: '2026-12-01', received: 0, accepted: 0, closed: 1, closedLate: 1 });
  });

  it('adds no accepted day to a case not accepted yet', () => {
    const sut = contribution(makeMonitorRow({ status: 'awaiting_materials', holder: TOWNSHIP, acceptedOn: null, dueOn: null }));
    expect(sut.days).toEqual([{ node: TOWNSHIP, day: '2026-11-23', received: 1, accepted: 0, closed: 0, closedLate: 0 }]);
  });

  it('takes the contribution away with sign -1', () => {
    const sut = contribution(makeMonitorRow(), -1);
    expect(sut.counts[0]!.n).toBe(-1);
    expect(sut.nodes[0]).toEqual({ node: COUNTY, live: -1, closed: 0, green: -1, yellow: 0, red: 0 });
  });
});

describe('the change to the aggregates when a row is replaced', () => {
  it('adds the whole contribution of a new case, received and accepted on one day netted into one line', () => {
    const sut = monitorDelta(undefined, makeMonitorRow());
    expect(sut.counts).toEqual([{ node: COUNTY, status: 'under_review', light: 'green', live: true, n: 1 }]);
    expect(sut.days).toEqual([{ node: TOWNSHIP, day: '2026-11-23', received: 1, accepted: 1, closed: 0, closedLate: 0 }]);
  });

  it('moves one count from the old light to the new one and leaves the days alone when only the light changes', () => {
    const before = makeMonitorRow();
    const sut = monitorDelta(before, { ...before, light: 'red', overdueDays: 2 });
    expect(sut.counts).toEqual([
      { node: COUNTY, status: 'under_review', light: 'green', live: true, n: -1 },
      { node: COUNTY, status: 'under_review', light: 'red', live: true, n: 1 },
    ]);
    expect(sut.areas).toEqual(sut.counts);
    expect(sut.nodes).toEqual([{ node: COUNTY, live: 0, closed: 0, green: -1, yellow: 0, red: 1 }]);
    expect(sut.days).toEqual([]);
  });

  it('moves the count to the new holder and status when a case is handed up, without moving its trend lines', () => {
    const before = makeMonitorRow({ holder: TOWNSHIP, status: 'accepted', version: 2 });
    const sut = monitorDelta(before, { ...before, holder: COUNTY, status: 'in_transit_up', version: 3 });
    expect(sut.counts).toEqual([
      { node: COUNTY, status: 'in_transit_up', light: 'green', live: true, n: 1 },
      { node: TOWNSHIP, status: 'accepted', light: 'green', live: true, n: -1 },
    ]);
    // Within the county's area the case only changes status.
    expect(sut.areas).toEqual([
      { node: COUNTY, status: 'accepted', light: 'green', live: true, n: -1 },
      { node: COUNTY, status: 'in_transit_up', light: 'green', live: true, n: 1 },
    ]);
    expect(sut.nodes).toEqual([
      { node: COUNTY, live: 1, closed: 0, green: 1, yellow: 0, red: 0 },
      { node: TOWNSHIP, live: -1, closed: 0, green: -1, yellow: 0, red: 0 },
    ]);
    expect(sut.days).toEqual([]);
  });

  it('turns a live count into a closed one and adds a closed day when the case is decided', () => {
    const before = makeMonitorRow();
    const after = makeClosedMonitorRow({ holder: COUNTY, status: 'approved', closedLate: true });
    const sut = monitorDelta(before, after);
    expect(sut.counts).toEqual([
      { node: COUNTY, status: 'approved', light: '', live: false, n: 1 },
      { node: COUNTY, status: 'under_review', light: 'green', live: true, n: -1 },
    ]);
    expect(sut.nodes).toEqual([{ node: COUNTY, live: -1, closed: 1, green: -1, yellow: 0, red: 0 }]);
    expect(sut.days).toEqual([{ node: COUNTY, day: '2026-12-01', received: 0, accepted: 0, closed: 1, closedLate: 1 }]);
  });

  it('is empty for the same row twice', () => {
    expect(monitorDelta(makeMonitorRow(), makeMonitorRow())).toEqual({ counts: [], areas: [], nodes: [], days: [] });
  });

  it('brings every cell back to where it was after a change and its reverse (a delta is exactly undone)', () => {
    const a = makeMonitorRow();
    const b = makeClosedMonitorRow({ receivedOn: '2026-11-24', acceptedOn: null });
    expect(sumDeltas([monitorDelta(a, b), monitorDelta(b, a)])).toEqual({ counts: [], areas: [], nodes: [], days: [] });
  });
});

describe('netting several changes', () => {
  it('sums lines with the same key, drops those at zero and sorts by key, whatever order they came in', () => {
    const one = contribution(makeMonitorRow({ holder: '640121000000' }));
    const two = contribution(makeMonitorRow({ holder: COUNTY }));
    const three = contribution(makeMonitorRow({ holder: COUNTY }), -1);
    const sut = sumDeltas([one, two, three]);
    expect(sut.counts).toEqual([{ node: '640121000000', status: 'under_review', light: 'green', live: true, n: 1 }]);
    expect(sut.days).toEqual([{ node: TOWNSHIP, day: '2026-11-23', received: 1, accepted: 1, closed: 0, closedLate: 0 }]);
    expect(sumDeltas([two, one]).counts.map((c) => c.node)).toEqual([COUNTY, '640121000000']);
  });

  it('sorts day lines by node and then day', () => {
    const sut = sumDeltas([
      contribution(makeMonitorRow({ intakeNode: '640121100000', acceptedOn: null })),
      contribution(makeMonitorRow({ receivedOn: '2026-11-25', acceptedOn: null })),
      contribution(makeMonitorRow({ receivedOn: '2026-11-24', acceptedOn: null })),
    ]);
    expect(sut.days.map((d) => `${d.node} ${d.day}`)).toEqual([`${TOWNSHIP} 2026-11-24`, `${TOWNSHIP} 2026-11-25`, '640121100000 2026-11-23']);
  });
});

describe('the county-level area of a node', () => {
  it.each([
    ['a township, its county', '640104100000', '640104000000'],
    ['a county, itself', '640104000000', '640104000000'],
    ['the city, itself', '640100000000', '640100000000'],
    ['a township directly under the city, the city', '441900101000', '441900000000'],
  ])('is, for %s', (_what, node, area) => {
    expect(areaOf(node)).toBe(area);
    expect(areaOf(node)).toBe(tierOfCode(node) === 'township' ? parentCodeOf(node) : node);
  });
});

describe('which row wins', () => {
  it('stores a case not seen before', () => {
    expect(supersedes(undefined, makeMonitorRow())).toBe(true);
  });

  it('takes a later version and ignores an earlier one arriving late', () => {
    expect(supersedes(makeMonitorRow({ version: 4 }), makeMonitorRow({ version: 5 }))).toBe(true);
    expect(supersedes(makeMonitorRow({ version: 5 }), makeMonitorRow({ version: 4, light: 'red' }))).toBe(false);
  });

  it('ignores the same row again (applying twice changes nothing)', () => {
    expect(supersedes(makeMonitorRow(), makeMonitorRow())).toBe(false);
  });

  it('takes the same version with a new light, supervision round, flag or next check (a reading does not bump the version)', () => {
    const stored = makeMonitorRow();
    expect(supersedes(stored, { ...stored, light: 'yellow' })).toBe(true);
    expect(supersedes(stored, { ...stored, supervisionRound: 1 })).toBe(true);
    expect(supersedes(stored, { ...stored, flagged: true })).toBe(true);
    expect(supersedes(stored, { ...stored, lightDueAt: '2026-12-04T16:00:00.000Z' })).toBe(true);
  });

  it('ignores the same version with a case field changed: only a new version changes the case', () => {
    expect(supersedes(makeMonitorRow(), makeMonitorRow({ status: 'approved' }))).toBe(false);
  });

  it('compares the next check as an instant, not as text', () => {
    const stored = makeMonitorRow({ lightDueAt: '2026-12-03T16:00:00.000Z' });
    expect(readingChanged(stored, { ...stored, lightDueAt: '2026-12-04T00:00:00+08:00' })).toBe(false);
    expect(readingChanged(stored, { ...stored, lightDueAt: null })).toBe(true);
  });
});
