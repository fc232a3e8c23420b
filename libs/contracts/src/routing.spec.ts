import { fileURLToPath } from 'node:url';
import { TopologyIndex, loadTopology, validateTopology } from '#libs/config';
import { accessGrantsFor, nodePrincipal } from './access.js';
import { isAddressedTo, linksOf, originOf, topicFor, topicSpecsFor, topicsReadBy } from './routing.js';
import { Topics } from './topics.js';

// 银川市 640100000000; 兴庆区 640104000000 with 掌政镇 640104100000 and 通贵乡 640104200000;
// 永宁县 640121000000 with 杨和镇 640121100000 and 望远镇 640121102000.
const CITY = '640100000000';
const XINGQING = '640104000000';
const ZHANGZHENG = '640104100000';
const TONGGUI = '640104200000';
const YONGNING = '640121000000';
const YANGHE = '640121100000';

const topology = new TopologyIndex(loadTopology(fileURLToPath(new URL('../../../topology/demo.yaml', import.meta.url))));
const topics = new Topics('tongban');
const link = (from: string, to: string): string => topics.link(from, to);

describe('topicFor', () => {
  it("sends a county's event to its own township on the county-to-township link", () => {
    expect(topicFor(topics, topology, 'link', XINGQING, ZHANGZHENG)).toBe(link(XINGQING, ZHANGZHENG));
  });

  it("sends a township's event to its county on its own up-link", () => {
    expect(topicFor(topics, topology, 'link', ZHANGZHENG, XINGQING)).toBe(link(ZHANGZHENG, XINGQING));
  });

  it('links the city and a county both ways', () => {
    expect(topicFor(topics, topology, 'link', CITY, YONGNING)).toBe(link(CITY, YONGNING));
    expect(topicFor(topics, topology, 'link', YONGNING, CITY)).toBe(link(YONGNING, CITY));
  });

  it('gives the city its own link to a township (a supervision order), which the county cannot write', () => {
    expect(topicFor(topics, topology, 'link', CITY, YANGHE)).toBe(link(CITY, YANGHE));
  });

  it("sends what a township tells the city on the township's up-link, which the city observes", () => {
    expect(topicFor(topics, topology, 'link', ZHANGZHENG, CITY)).toBe(link(ZHANGZHENG, XINGQING));
  });

  it('refuses a township addressing another county, a sibling, or a county its cousin', () => {
    expect(() => topicFor(topics, topology, 'link', ZHANGZHENG, YONGNING)).toThrow('no channel from 640104100000 to 640121000000');
    expect(() => topicFor(topics, topology, 'link', ZHANGZHENG, TONGGUI)).toThrow('no channel from 640104100000 to 640104200000');
    expect(() => topicFor(topics, topology, 'link', XINGQING, YANGHE)).toThrow('no channel from 640104000000 to 640121100000');
  });

  it('refuses a node addressing itself, the city included', () => {
    expect(() => topicFor(topics, topology, 'link', CITY, CITY)).toThrow('no channel from 640100000000 to 640100000000');
    expect(() => topicFor(topics, topology, 'link', ZHANGZHENG, ZHANGZHENG)).toThrow('no channel from 640104100000');
  });

  it('refuses a broadcast target on a link', () => {
    expect(() => topicFor(topics, topology, 'link', CITY, '*')).toThrow('a link carries events to one node, not to *');
    expect(() => topicFor(topics, topology, 'link', XINGQING, `area:${XINGQING}`)).toThrow('a link carries events to one node');
  });

  it("puts the catalogs on their owners' topics and refuses anyone else", () => {
    expect(topicFor(topics, topology, 'catalog', CITY, '*')).toBe('tongban.catalog');
    expect(topicFor(topics, topology, 'county-catalog', XINGQING, `area:${XINGQING}`)).toBe('tongban.catalog.640104000000');
    expect(() => topicFor(topics, topology, 'catalog', XINGQING, '*')).toThrow('only the city publishes the catalog');
    expect(() => topicFor(topics, topology, 'county-catalog', ZHANGZHENG, '*')).toThrow('only a county publishes a county catalog');
  });

  it('refuses a node that is not in the topology', () => {
    expect(() => topicFor(topics, topology, 'link', '640105000000', XINGQING)).toThrow('node 640105000000 is not in topology');
  });
});

describe('topicsReadBy', () => {
  it('gives a township only the links addressed to it and the broadcasts of its scope', () => {
    expect(topicsReadBy(topics, topology, ZHANGZHENG).sort()).toEqual([link(CITY, ZHANGZHENG), link(XINGQING, ZHANGZHENG), 'tongban.catalog', 'tongban.catalog.640104000000'].sort());
  });

  it("never gives a township its sibling's links", () => {
    const read = topicsReadBy(topics, topology, ZHANGZHENG);

    expect(read).not.toContain(link(XINGQING, TONGGUI));
    expect(read).not.toContain(link(TONGGUI, XINGQING));
    expect(read).not.toContain(link(XINGQING, CITY));
  });

  it("gives a county its townships' up-links, the city's link to it, and the catalog", () => {
    expect(topicsReadBy(topics, topology, YONGNING).sort()).toEqual([link(CITY, YONGNING), link(YANGHE, YONGNING), link('640121102000', YONGNING), 'tongban.catalog'].sort());
  });

  it('gives the city every link it does not write and every county catalog', () => {
    const read = topicsReadBy(topics, topology, CITY);

    expect(read).toContain(link(XINGQING, ZHANGZHENG));
    expect(read).toContain(link(ZHANGZHENG, XINGQING));
    expect(read).toContain('tongban.catalog.640121000000');
    expect(read).not.toContain(link(CITY, XINGQING));
    expect(read).toHaveLength(linksOf(topology).filter(([from]) => from !== CITY).length + 2);
  });
});

describe('topicSpecsFor', () => {
  it('holds a link each way per parent-child pair, one from the city to each township, and the broadcasts', () => {
    const names = topicSpecsFor(topics, topology).map((s) => s.name);

    // 6 parent-child pairs both ways, 4 city-to-township links, 2 county catalogs, the catalog, dead letters.
    expect(names).toHaveLength(12 + 4 + 2 + 2);
    expect(new Set(names).size).toBe(names.length);
  });

  it('needs about 3,100 one-partition links for 40 counties and 1,000 townships', () => {
    const nodes = [{ code: '640100000000', name: '市', tier: 'city', httpPort: 3000, database: 'c' }] as Array<Record<string, unknown>>;
    for (let c = 1; c <= 40; c++) {
      const county = `6401${String(c).padStart(2, '0')}000000`;
      nodes.push({ code: county, name: `县${c}`, tier: 'county', parent: '640100000000', httpPort: 4000 + c, database: `d${c}` });
      for (let t = 1; t <= 25; t++) {
        nodes.push({ code: `${county.slice(0, 6)}${String(t).padStart(3, '0')}000`, name: `镇${c}-${t}`, tier: 'township', parent: county, httpPort: 10000 + c * 100 + t, database: `d${c}_${t}` });
      }
    }
    const big = new TopologyIndex(validateTopology({ name: 'big', nodes }));
    const partitions = topicSpecsFor(topics, big).reduce((sum, s) => sum + s.partitions, 0);

    expect(partitions).toBe(2 * 1040 + 1000 + 40 + 3 + 3);
  });
});

describe('originOf', () => {
  it('names the one writer of a link, the city for the catalog, and the county for its catalog', () => {
    expect(originOf(topics, topology, link(ZHANGZHENG, XINGQING))).toEqual({ writer: ZHANGZHENG, channel: 'link', to: XINGQING });
    expect(originOf(topics, topology, 'tongban.catalog')).toEqual({ writer: CITY, channel: 'catalog' });
    expect(originOf(topics, topology, 'tongban.catalog.640121000000')).toEqual({ writer: YONGNING, channel: 'county-catalog' });
  });

  it('knows no writer for a topic outside the deployment', () => {
    expect(originOf(topics, topology, link('650100000000', XINGQING))).toBeUndefined();
    expect(originOf(topics, topology, 'tongban.catalog.640104100000')).toBeUndefined();
    expect(originOf(topics, topology, 'tongban.deadletter')).toBeUndefined();
    expect(originOf(topics, topology, 'other.catalog')).toBeUndefined();
  });
});

describe('accessGrantsFor', () => {
  const grants = (code: string) => accessGrantsFor(topics, topology, code);
  const topicsWith = (code: string, op: string) => grants(code).filter((g) => g.resource === 'topic' && g.operation === op).map((g) => g.name);

  it('lets a township write only its up-link and the dead letters', () => {
    expect(topicsWith(ZHANGZHENG, 'write').sort()).toEqual([link(ZHANGZHENG, XINGQING), 'tongban.deadletter'].sort());
  });

  it('lets a township read exactly the topics it consumes', () => {
    expect(topicsWith(ZHANGZHENG, 'read').sort()).toEqual(topicsReadBy(topics, topology, ZHANGZHENG).sort());
  });

  it("lets only the city write the catalog and only a county its own catalog", () => {
    const writers = (topic: string) => topology.topology.nodes.filter((n) => topicsWith(n.code, 'write').includes(topic)).map((n) => n.code);

    expect(writers('tongban.catalog')).toEqual([CITY]);
    expect(writers('tongban.catalog.640104000000')).toEqual([XINGQING]);
  });

  it('gives every link exactly one writer: the node it is from', () => {
    for (const [from, to] of linksOf(topology)) {
      const writers = topology.topology.nodes.filter((n) => topicsWith(n.code, 'write').includes(link(from, to))).map((n) => n.code);
      expect(writers).toEqual([from]);
    }
  });

  it('lets the city read every topic of its deployment by prefix, and nothing of another', () => {
    expect(grants(CITY)).toContainEqual({ principal: `User:${nodePrincipal('tongban', CITY)}`, resource: 'topic', name: 'tongban.', pattern: 'prefixed', operation: 'read' });
  });

  it('lets each node join only consumer groups named under its own', () => {
    expect(grants(TONGGUI).filter((g) => g.resource === 'group')).toEqual([
      { principal: 'User:tongban.node.640104200000', resource: 'group', name: 'tongban.node.640104200000', pattern: 'prefixed', operation: 'read' },
    ]);
  });
});

describe('isAddressedTo', () => {
  it('addresses an area to the nodes under it only', () => {
    expect(isAddressedTo(topology, `area:${XINGQING}`, ZHANGZHENG)).toBe(true);
    expect(isAddressedTo(topology, `area:${XINGQING}`, YANGHE)).toBe(false);
    expect(isAddressedTo(topology, `area:${XINGQING}`, CITY)).toBe(false);
  });

  it('addresses a node code to that node only, and * to every node', () => {
    expect(isAddressedTo(topology, ZHANGZHENG, ZHANGZHENG)).toBe(true);
    expect(isAddressedTo(topology, ZHANGZHENG, TONGGUI)).toBe(false);
    expect(topology.topology.nodes.every((n) => isAddressedTo(topology, '*', n.code))).toBe(true);
  });
});
