import type { TopologyNode } from '#libs/config';
import { monitorGrid } from './monitor-grid.js';

const node = (code: string, name: string, tier: TopologyNode['tier'], parent?: string): TopologyNode => ({ code, name, tier, ...(parent ? { parent } : {}), httpPort: 3000, database: `db_${code}` });

// Listed out of order on purpose: the grid puts them in tree order.
const TOPOLOGY: TopologyNode[] = [
  node('640121102000', '望远镇', 'township', '640121000000'),
  node('640104000000', '兴庆区', 'county', '640100000000'),
  node('640100000000', '银川市', 'city'),
  node('640121000000', '永宁县', 'county', '640100000000'),
  node('640104200000', '通贵乡', 'township', '640104000000'),
  node('640104100000', '掌政镇', 'township', '640104000000'),
  node('640121100000', '杨和镇', 'township', '640121000000'),
];
const AT = '2027-03-01T02:00:00.000Z';

describe('the wall screen grid: every centre with its live cases by light', () => {
  it('lists every centre of the topology in tree order, the city, then each county followed by its townships', () => {
    const sut = monitorGrid(TOPOLOGY, [], AT, '2027-03-01');
    expect(sut.nodes.map((n) => [n.code, n.tier, n.parent])).toEqual([
      ['640100000000', 'city', null],
      ['640104000000', 'county', '640100000000'],
      ['640104100000', 'township', '640104000000'],
      ['640104200000', 'township', '640104000000'],
      ['640121000000', 'county', '640100000000'],
      ['640121100000', 'township', '640121000000'],
      ['640121102000', 'township', '640121000000'],
    ]);
    expect(sut).toMatchObject({ at: AT, today: '2027-03-01', totals: { live: 0, closed: 0, green: 0, yellow: 0, red: 0, unlit: 0 } });
  });

  it("puts each holder node's line on its centre, zeros where nothing is held, and counts live cases without a light as unlit", () => {
    const sut = monitorGrid(
      TOPOLOGY,
      [
        { node: '640104000000', live: 6, closed: 2, green: 3, yellow: 1, red: 1 },
        { node: '640121100000', live: 1, closed: 0, green: 1, yellow: 0, red: 0 },
      ],
      AT,
      '2027-03-01',
    );
    expect(sut.nodes.find((n) => n.code === '640104000000')).toEqual({ code: '640104000000', name: '兴庆区', tier: 'county', parent: '640100000000', live: 6, closed: 2, green: 3, yellow: 1, red: 1, unlit: 1 });
    expect(sut.nodes.find((n) => n.code === '640104100000')).toMatchObject({ name: '掌政镇', live: 0, closed: 0, green: 0, yellow: 0, red: 0, unlit: 0 });
    expect(sut.totals).toEqual({ live: 7, closed: 2, green: 4, yellow: 1, red: 1, unlit: 1 });
  });

  it('keeps the cases of a node the topology no longer lists, at the end and in the totals, named by its code', () => {
    const sut = monitorGrid(TOPOLOGY, [{ node: '640122000000', live: 2, closed: 5, green: 0, yellow: 0, red: 2 }], AT, '2027-03-01');
    expect(sut.nodes.at(-1)).toEqual({ code: '640122000000', name: '640122000000', tier: null, parent: null, live: 2, closed: 5, green: 0, yellow: 0, red: 2, unlit: 0 });
    expect(sut.nodes).toHaveLength(TOPOLOGY.length + 1);
    expect(sut.totals).toMatchObject({ live: 2, closed: 5, red: 2 });
  });
});
