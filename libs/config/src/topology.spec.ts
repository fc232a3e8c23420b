import { fileURLToPath } from 'node:url';
import { TopologyError, TopologyIndex, loadTopology, validateTopology } from './topology.js';

const DEMO = fileURLToPath(new URL('../../../topology/demo.yaml', import.meta.url));

type RawNode = Record<string, unknown>;

const city = (): RawNode => ({ code: '640100000000', name: '银川市政务服务中心', tier: 'city', httpPort: 3000, database: 'tongban_640100000000' });
const county = (over: RawNode = {}): RawNode => ({
  code: '640104000000',
  name: '兴庆区政务服务中心',
  tier: 'county',
  parent: '640100000000',
  httpPort: 3100,
  database: 'tongban_640104000000',
  ...over,
});
const township = (over: RawNode = {}): RawNode => ({
  code: '640104100000',
  name: '掌政镇便民服务中心',
  tier: 'township',
  parent: '640104000000',
  httpPort: 3101,
  database: 'tongban_640104100000',
  ...over,
});
const topologyOf = (...nodes: RawNode[]) => ({ name: '测试网络', nodes });

/** The problems validateTopology lists for `raw`; fails the test when it accepts it. */
function problemsOf(raw: unknown): string[] {
  try {
    validateTopology(raw);
  } catch (err) {
    if (err instanceof TopologyError) return err.problems;
    throw err;
  }
  throw new Error('validateTopology accepted a topology it should refuse');
}

describe('validateTopology', () => {
  it('accepts the demo topology with its city, two counties and four townships', () => {
    const sut = loadTopology(DEMO);

    expect(sut.name).toBe('银川市演示网络');
    expect(sut.nodes.map((n) => n.tier)).toEqual(['city', 'county', 'township', 'township', 'county', 'township', 'township']);
    expect(sut.nodes.find((n) => n.code === '640121102000')).toEqual({
      code: '640121102000',
      name: '望远镇便民服务中心',
      tier: 'township',
      parent: '640121000000',
      httpPort: 3202,
      database: 'tongban_640121102000',
    });
  });

  it('accepts the small city-county-township fixture the refusals below start from', () => {
    expect(validateTopology(topologyOf(city(), county(), township())).nodes).toHaveLength(3);
  });

  it('accepts a township directly under the city when its code has no county digits', () => {
    const sut = validateTopology(topologyOf(city(), township({ code: '640100100000', parent: '640100000000' })));

    expect(sut.nodes[1]).toMatchObject({ code: '640100100000', tier: 'township', parent: '640100000000' });
  });

  it.each(['64010400000', '6401040000000', '64010400000a', ''])('refuses the code "%s", which is not 12 digits, naming nodes[1].code', (code) => {
    expect(problemsOf(topologyOf(city(), county({ code })))).toContainEqual(expect.stringContaining('nodes[1].code must be a 12-digit region code'));
  });

  it('refuses a county node whose code reads as a township, naming the code', () => {
    expect(problemsOf(topologyOf(city(), county({ code: '640104300000' })))).toContainEqual('nodes[1].code 640104300000 is not a county code');
  });

  it('refuses a township node whose code reads as a county, naming the code', () => {
    expect(problemsOf(topologyOf(city(), county(), township({ code: '640105000000' })))).toContainEqual('nodes[2].code 640105000000 is not a township code');
  });

  it('refuses a tier that is not city, county or township, naming nodes[1].tier', () => {
    expect(problemsOf(topologyOf(city(), county({ tier: 'province' })))).toContainEqual('nodes[1].tier must be one of city, county, township');
  });

  it('refuses two nodes with the same code', () => {
    const problems = problemsOf(topologyOf(city(), county(), township(), township({ httpPort: 3102, database: 'tongban_other' })));

    expect(problems).toContainEqual('node code 640104100000 appears twice');
  });

  it('refuses two nodes on the same httpPort', () => {
    const problems = problemsOf(topologyOf(city(), county(), township(), township({ code: '640104200000', database: 'tongban_640104200000' })));

    expect(problems).toEqual(['httpPort 3101 is used by two nodes']);
  });

  it('refuses two nodes with the same database', () => {
    const problems = problemsOf(topologyOf(city(), county(), township(), township({ code: '640104200000', httpPort: 3102 })));

    expect(problems).toEqual(['database tongban_640104100000 is used by two nodes']);
  });

  it('refuses a county without a parent, naming nodes[1].parent', () => {
    expect(problemsOf(topologyOf(city(), county({ parent: undefined })))).toContainEqual('nodes[1].parent is required for a county node');
  });

  it('refuses a township without a parent, naming nodes[2].parent', () => {
    expect(problemsOf(topologyOf(city(), county(), township({ parent: undefined })))).toContainEqual('nodes[2].parent is required for a township node');
  });

  it('refuses a parent that is not in the topology', () => {
    const problems = problemsOf(topologyOf(city(), county(), township({ code: '640121100000', parent: '640121000000' })));

    expect(problems).toEqual(['node 640121100000: parent 640121000000 is not in the topology']);
  });

  it("refuses a township whose code is not inside its county's code", () => {
    const problems = problemsOf(topologyOf(city(), county(), township({ code: '640121100000' })));

    expect(problems).toEqual(['node 640121100000 is not inside county 640104000000']);
  });

  it('refuses a township placed directly under the city when its code names a county', () => {
    // 640104100000 lies in 兴庆区 by its digits; the city is not its parent region.
    expect(problemsOf(topologyOf(city(), county(), township({ parent: '640100000000' })))).toContainEqual(expect.stringContaining('node 640104100000'));
  });

  it('refuses a township whose parent is another township', () => {
    const problems = problemsOf(topologyOf(city(), county(), township(), township({ code: '640104200000', parent: '640104100000', httpPort: 3102, database: 'tongban_t2' })));

    expect(problems).toContainEqual("node 640104200000: a township's parent must be a county or the city");
  });

  it('refuses a county whose code lies in another city', () => {
    expect(problemsOf(topologyOf(city(), county({ code: '640204000000' })))).toContainEqual('node 640204000000 is not inside the city');
  });

  it('refuses two city nodes', () => {
    const second = { code: '640200000000', name: '石嘴山市政务服务中心', tier: 'city', httpPort: 4000, database: 'tongban_640200000000' };

    expect(problemsOf(topologyOf(city(), second, county()))).toContainEqual('a topology has exactly one city node');
  });

  it('refuses a topology without a city node', () => {
    expect(problemsOf(topologyOf(county({ parent: undefined })))).toContainEqual('a topology has exactly one city node');
  });

  it.each(['Tongban_city', 'tongban-city', '1tongban', 'tongban city', 'a'.repeat(64)])('refuses the database name "%s", naming nodes[0].database', (database) => {
    expect(problemsOf(topologyOf({ ...city(), database }))).toContainEqual('nodes[0].database must be a lower-case PostgreSQL identifier');
  });

  it.each([0, 65536, 3000.5, 'http'])('refuses the httpPort %p, naming nodes[0].httpPort', (httpPort) => {
    expect(problemsOf(topologyOf({ ...city(), httpPort }))).toContainEqual('nodes[0].httpPort must be an integer between 1 and 65535');
  });

  it('refuses a topology without a name or nodes', () => {
    expect(problemsOf({ nodes: [] })).toEqual(['"name" must be a non-empty string', '"nodes" must be a non-empty list']);
  });

  it('refuses an empty nodes entry (a bare "-" in YAML) with a TopologyError naming nodes[1]', () => {
    expect(problemsOf(topologyOf(city(), null as unknown as RawNode))).toContainEqual(expect.stringContaining('nodes[1]'));
  });

  it('lists every problem at once in the error message', () => {
    const sut = () => validateTopology(topologyOf({ ...city(), database: 'Bad' }, county({ parent: undefined })));

    expect(sut).toThrow('Invalid topology: nodes[0].database must be a lower-case PostgreSQL identifier; nodes[1].parent is required for a county node');
  });

  it('refuses a topology file it cannot read, naming the file', () => {
    expect(() => loadTopology('/nonexistent/topology.yaml')).toThrow(/cannot read topology file \/nonexistent\/topology\.yaml/);
  });
});

describe('TopologyIndex', () => {
  const sut = new TopologyIndex(loadTopology(DEMO));

  it("lists a county's townships as its children", () => {
    expect(sut.children('640104000000').map((n) => n.code)).toEqual(['640104100000', '640104200000']);
  });

  it("lists the city's counties as its children", () => {
    expect(sut.children('640100000000').map((n) => n.code)).toEqual(['640104000000', '640121000000']);
  });

  it('gives a township no children', () => {
    expect(sut.children('640121100000')).toEqual([]);
  });

  it('returns the node for a code in the topology', () => {
    expect(sut.require('640121000000')).toMatchObject({ name: '永宁县政务服务中心', tier: 'county', httpPort: 3200 });
  });

  it('refuses a code that is not in the topology, naming the code and the topology', () => {
    expect(() => sut.require('640105000000')).toThrow(new TopologyError(['node 640105000000 is not in topology "银川市演示网络"']));
  });

  it('answers undefined from get for a code that is not in the topology', () => {
    expect(sut.get('640105000000')).toBeUndefined();
  });

  it('finds the city node', () => {
    expect(sut.city.code).toBe('640100000000');
  });
});
