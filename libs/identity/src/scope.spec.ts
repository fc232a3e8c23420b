import { TopologyIndex, validateTopology } from '#libs/config';
import type { Role } from './roles.js';
import { canActOnNode, canReadNode } from './scope.js';

const CITY = '640100000000';
const XQ = '640104000000';
const XQ_TOWN = '640104100000';
const YN = '640121000000';
const YN_TOWN = '640121100000';

const topology = new TopologyIndex(
  validateTopology({
    name: 'scope',
    nodes: [
      { code: CITY, name: '市', tier: 'city', httpPort: 3000, database: 'c' },
      { code: XQ, name: '兴庆区', tier: 'county', parent: CITY, httpPort: 3100, database: 'xq' },
      { code: XQ_TOWN, name: '掌政镇', tier: 'township', parent: XQ, httpPort: 3101, database: 'xqt' },
      { code: YN, name: '永宁县', tier: 'county', parent: CITY, httpPort: 3200, database: 'yn' },
      { code: YN_TOWN, name: '杨和镇', tier: 'township', parent: YN, httpPort: 3201, database: 'ynt' },
    ],
  }),
);

const staff = (node: string, ...roles: Role[]) => ({ node, roles });

describe('canReadNode', () => {
  it('lets a township clerk read only their own township', () => {
    const sut = staff(XQ_TOWN, 'township_clerk');
    expect(canReadNode(sut, XQ_TOWN, topology)).toBe(true);
    expect(canReadNode(sut, YN_TOWN, topology)).toBe(false);
    expect(canReadNode(sut, XQ, topology)).toBe(false);
  });

  it('lets a county operator read their county and its townships, never another county', () => {
    const sut = staff(XQ, 'county_operator');
    expect(canReadNode(sut, XQ, topology)).toBe(true);
    expect(canReadNode(sut, XQ_TOWN, topology)).toBe(true);
    expect(canReadNode(sut, YN, topology)).toBe(false);
    expect(canReadNode(sut, YN_TOWN, topology)).toBe(false);
    expect(canReadNode(sut, CITY, topology)).toBe(false);
  });

  it('lets the city coordinator and the city auditor read every node', () => {
    for (const role of ['city_coordinator', 'auditor'] as const) {
      for (const code of [CITY, XQ, XQ_TOWN, YN, YN_TOWN]) expect(canReadNode(staff(CITY, role), code, topology)).toBe(true);
    }
  });

  it('keeps a city approver, a catalog editor and a node administrator to their own node', () => {
    expect(canReadNode(staff(CITY, 'city_approver', 'catalog_editor', 'node_admin'), XQ, topology)).toBe(false);
    expect(canReadNode(staff(XQ, 'node_admin'), XQ_TOWN, topology)).toBe(false);
  });

  it('refuses a node that is not in the topology', () => {
    expect(canReadNode(staff(CITY, 'auditor'), '640199000000', topology)).toBe(false);
    expect(canReadNode(staff('640199000000', 'node_admin'), '640199000000', topology)).toBe(false);
  });
});

describe('canActOnNode', () => {
  it('lets the holder node\'s own staff act, and nobody from a sibling or a parent county', () => {
    expect(canActOnNode(staff(XQ_TOWN, 'township_clerk'), XQ_TOWN, topology)).toBe(true);
    expect(canActOnNode(staff(XQ_TOWN, 'township_clerk'), YN_TOWN, topology)).toBe(false);
    expect(canActOnNode(staff(XQ, 'county_operator'), XQ_TOWN, topology)).toBe(false);
    expect(canActOnNode(staff(XQ, 'county_operator'), YN, topology)).toBe(false);
  });

  it('lets the city coordinator address any node, and never lets an auditor act', () => {
    expect(canActOnNode(staff(CITY, 'city_coordinator'), YN_TOWN, topology)).toBe(true);
    expect(canActOnNode(staff(CITY, 'auditor'), CITY, topology)).toBe(false);
    expect(canActOnNode(staff(XQ, 'auditor'), XQ, topology)).toBe(false);
  });
});
