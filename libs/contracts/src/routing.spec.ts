import { fileURLToPath } from 'node:url';
import { TopologyIndex, loadTopology } from '#libs/config';
import { isAddressedTo, topicFor, topicsReadBy } from './routing.js';
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

describe('topicFor', () => {
  it("sends a county's event to its own township on the county's area topic", () => {
    expect(topicFor(topics, topology, 'area', XINGQING, ZHANGZHENG)).toBe('tongban.area.640104000000');
  });

  it("sends a township's event to its county on the county's area topic", () => {
    expect(topicFor(topics, topology, 'area', ZHANGZHENG, XINGQING)).toBe('tongban.area.640104000000');
  });

  it("sends a city's event to a county on the city's area topic", () => {
    expect(topicFor(topics, topology, 'area', CITY, YONGNING)).toBe('tongban.area.640100000000');
  });

  it("sends a county's event to the city on the city's area topic", () => {
    expect(topicFor(topics, topology, 'area', YONGNING, CITY)).toBe('tongban.area.640100000000');
  });

  it('refuses a township addressing another county', () => {
    expect(() => topicFor(topics, topology, 'area', ZHANGZHENG, YONGNING)).toThrow(
      'no channel from 640104100000 to 640121000000: events travel between a node and its parent or children',
    );
  });

  it("refuses a county addressing another county's township", () => {
    expect(() => topicFor(topics, topology, 'area', XINGQING, YANGHE)).toThrow('no channel from 640104000000 to 640121100000');
  });

  it('refuses a township addressing a sibling township', () => {
    expect(() => topicFor(topics, topology, 'area', ZHANGZHENG, TONGGUI)).toThrow('no channel from 640104100000 to 640104200000');
  });

  it('refuses a township addressing the city past its county', () => {
    expect(() => topicFor(topics, topology, 'area', ZHANGZHENG, CITY)).toThrow('no channel from 640104100000 to 640100000000');
  });

  it("sends a county's event to its own area on its area topic", () => {
    expect(topicFor(topics, topology, 'area', XINGQING, `area:${XINGQING}`)).toBe('tongban.area.640104000000');
  });

  it("refuses a node addressing another node's area", () => {
    expect(() => topicFor(topics, topology, 'area', XINGQING, `area:${YONGNING}`)).toThrow('node 640104000000 may only address its own area, not 640121000000');
  });

  it("sends the city's broadcast on the city's area topic", () => {
    expect(topicFor(topics, topology, 'area', CITY, '*')).toBe('tongban.area.640100000000');
  });

  it('refuses a broadcast from a county', () => {
    expect(() => topicFor(topics, topology, 'area', XINGQING, '*')).toThrow('only the city may address every node (source 640104000000)');
  });

  it('sends every catalog event on the catalog topic, whoever the parties are', () => {
    expect(topicFor(topics, topology, 'catalog', CITY, '*')).toBe('tongban.catalog');
    expect(topicFor(topics, topology, 'catalog', ZHANGZHENG, YONGNING)).toBe('tongban.catalog');
  });

  it('refuses a source that is not in the topology', () => {
    expect(() => topicFor(topics, topology, 'area', '640105000000', XINGQING)).toThrow('node 640105000000 is not in topology');
  });
});

describe('topicsReadBy', () => {
  it("has a township read its county's area topic, the city catalog and its county's catalog, and no other county's", () => {
    expect(topicsReadBy(topics, topology, ZHANGZHENG)).toEqual(['tongban.area.640104000000', 'tongban.catalog', 'tongban.catalog.640104000000']);
  });

  it("has a county read its own area topic, the city's and the city catalog", () => {
    expect(topicsReadBy(topics, topology, YONGNING)).toEqual(['tongban.area.640121000000', 'tongban.area.640100000000', 'tongban.catalog']);
  });

  it('has the city read its own area topic and the status reports, not the catalog it writes', () => {
    expect(topicsReadBy(topics, topology, CITY)).toEqual(['tongban.area.640100000000', 'tongban.status']);
  });
});

describe('isAddressedTo', () => {
  it("addresses a county's area to each of its townships", () => {
    expect(isAddressedTo(topology, `area:${XINGQING}`, ZHANGZHENG)).toBe(true);
    expect(isAddressedTo(topology, `area:${XINGQING}`, TONGGUI)).toBe(true);
  });

  it("does not address a county's area to the other county's townships", () => {
    expect(isAddressedTo(topology, `area:${XINGQING}`, YANGHE)).toBe(false);
    expect(isAddressedTo(topology, `area:${XINGQING}`, '640121102000')).toBe(false);
  });

  it("does not address a county's area to the other county or the city", () => {
    expect(isAddressedTo(topology, `area:${XINGQING}`, YONGNING)).toBe(false);
    expect(isAddressedTo(topology, `area:${XINGQING}`, CITY)).toBe(false);
  });

  it("addresses the city's area to a township two levels down", () => {
    expect(isAddressedTo(topology, `area:${CITY}`, YANGHE)).toBe(true);
  });

  it('addresses an event to the node named as its target and to no other', () => {
    expect(isAddressedTo(topology, ZHANGZHENG, ZHANGZHENG)).toBe(true);
    expect(isAddressedTo(topology, ZHANGZHENG, TONGGUI)).toBe(false);
    expect(isAddressedTo(topology, ZHANGZHENG, XINGQING)).toBe(false);
  });

  it('addresses a broadcast to every node', () => {
    expect(topology.topology.nodes.every((n) => isAddressedTo(topology, '*', n.code))).toBe(true);
  });
});
