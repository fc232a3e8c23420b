import { DEMO_COUNTY_IMPLEMENTATIONS, DEMO_COUNTY_ONLY_ITEMS, isValidCreditCode, validateCatalogItem, validateCountyImplementation, validateCountyOnlyItem, XINGQING, YONGNING } from '#libs/catalog';
import { demoCatalogFile, loadDemoCatalog } from './demo-catalog.js';
import { readCatalogWorkbook } from './read-catalog-workbook.js';
import { writeCatalogWorkbook } from './write-catalog-workbook.js';

/** The demo city's catalog, as the demo seeding reads it: topology/demo-catalog.xlsx through the workbook parser. */
const DEMO_CATALOG = await loadDemoCatalog();

const count = <T>(values: T[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<T, number>());

describe('demo catalog', () => {
  it('is the workbook topology/demo-catalog.xlsx, which reads back the same once rewritten', async () => {
    expect(demoCatalogFile()).toMatch(/topology\/demo-catalog\.xlsx$/);
    const again = await readCatalogWorkbook(await writeCatalogWorkbook(DEMO_CATALOG));
    expect(again.problems).toEqual([]);
    expect(again.items).toEqual(DEMO_CATALOG);
  });

  it('keeps the items the tests and the demo cases rely on', () => {
    const relief = DEMO_CATALOG.find((i) => i.implementationCode === '05030030005640100001');
    expect(relief?.name).toBe('临时救助（乡镇审批额度内）');
    expect(relief?.materials.map((m) => m.name)).toContain('家庭经济状况核对授权书');
  });

  it.each(DEMO_CATALOG.map((item) => [item.name, item] as const))('%s passes validateCatalogItem', (_name, item) => {
    expect(validateCatalogItem(item)).toEqual([]);
  });

  it('has at least 64 items', () => {
    expect(DEMO_CATALOG.length).toBeGreaterThanOrEqual(64);
  });

  it('spans at least 12 departments, each with a credit code that passes the check', () => {
    const departments = new Set(DEMO_CATALOG.map((i) => i.department.name));
    expect(departments.size).toBeGreaterThanOrEqual(12);
    for (const d of DEMO_CATALOG.map((i) => i.department)) expect({ d, valid: isValidCreditCode(d.creditCode) }).toEqual({ d, valid: true });
  });

  it('covers the departments the issue names', () => {
    const names = new Set(DEMO_CATALOG.map((i) => i.department.name));
    for (const short of ['市场监督管理局', '公安局', '民政局', '卫生健康委员会', '人力资源和社会保障局', '住房和城乡建设局', '自然资源局', '残疾人联合会', '医疗保障局', '税务局', '交通运输局', '教育局', '农业农村局', '退役军人事务局']) {
      expect({ short, found: [...names].some((n) => n.endsWith(short)) }).toEqual({ short, found: true });
    }
  });

  it('gives each department one credit code and each credit code one department', () => {
    const pairs = new Set(DEMO_CATALOG.map((i) => `${i.department.name}|${i.department.creditCode}`));
    expect(new Set([...pairs].map((p) => p.split('|')[0])).size).toBe(pairs.size);
    expect(new Set([...pairs].map((p) => p.split('|')[1])).size).toBe(pairs.size);
  });

  it('decides items at all three levels, several at each', () => {
    const levels = count(DEMO_CATALOG.map((i) => i.decisionLevel));
    expect(levels.get('township')).toBeGreaterThanOrEqual(8);
    expect(levels.get('county')).toBeGreaterThanOrEqual(20);
    expect(levels.get('city')).toBeGreaterThanOrEqual(15);
  });

  it('has both instant and promised items', () => {
    const types = count(DEMO_CATALOG.map((i) => i.caseType));
    expect(types.get('1')).toBeGreaterThanOrEqual(10);
    expect(types.get('2')).toBeGreaterThanOrEqual(30);
  });

  it('includes the matters the issue names', () => {
    const names = DEMO_CATALOG.map((i) => i.name);
    for (const name of ['个体工商户设立登记', '居民身份证换领', '最低生活保障审批', '食品经营许可', '建设工程规划许可', '残疾人证办理', '生育登记', '城乡居民养老保险参保登记']) {
      expect(names).toContain(name);
    }
  });

  it('lets townships take in county and city matters on the applicant\'s behalf', () => {
    const carriedUp = DEMO_CATALOG.filter((i) => i.decisionLevel !== 'township' && i.intakeLevels.includes('township'));
    expect(carriedUp.length).toBeGreaterThanOrEqual(10);
  });

  it('uses each name, basic code and implementation code once', () => {
    for (const key of ['name', 'basicCode', 'implementationCode'] as const) {
      const repeated = [...count(DEMO_CATALOG.map((i) => i[key]))].filter(([, n]) => n > 1);
      expect({ key, repeated }).toEqual({ key, repeated: [] });
    }
  });

  it('keeps most items free, and every charged one with its basis', () => {
    const charged = DEMO_CATALOG.filter((i) => i.fee.charged);
    expect(charged.length).toBeGreaterThan(0);
    expect(charged.length / DEMO_CATALOG.length).toBeLessThan(0.15);
    for (const i of charged) expect(i.fee.basis).toBeTruthy();
  });

  it('uses several item kinds', () => {
    expect(new Set(DEMO_CATALOG.map((i) => i.kindCode))).toEqual(new Set(['01', '04', '05', '07', '10', '20']));
  });
});

describe('demo county-only items', () => {
  it.each(DEMO_COUNTY_ONLY_ITEMS.map((c) => [c.item.name, c] as const))('%s passes validateCountyOnlyItem', (_name, { countyCode, item }) => {
    expect(validateCountyOnlyItem(countyCode, item)).toEqual([]);
  });

  it('gives 兴庆区 and 永宁县 two or three items each and no other county any', () => {
    const perCounty = count(DEMO_COUNTY_ONLY_ITEMS.map((c) => c.countyCode));
    expect([...perCounty.keys()].sort()).toEqual([XINGQING, YONGNING]);
    for (const n of perCounty.values()) expect([2, 3]).toContain(n);
  });

  it('does not reuse a code or a name of the city catalog', () => {
    const city = new Set(DEMO_CATALOG.flatMap((i) => [i.name, i.basicCode, i.implementationCode]));
    for (const { item } of DEMO_COUNTY_ONLY_ITEMS) {
      expect([item.name, item.basicCode, item.implementationCode].filter((v) => city.has(v))).toEqual([]);
    }
  });

  it('are owned by departments of their own county', () => {
    for (const { countyCode, item } of DEMO_COUNTY_ONLY_ITEMS) expect(item.department.creditCode.slice(2, 8)).toBe(countyCode.slice(0, 6));
  });
});

describe('demo county implementation lists', () => {
  it.each(DEMO_COUNTY_IMPLEMENTATIONS.map((o) => [o.countyCode, o.itemCode, o] as const))('%s over %s passes validateCountyImplementation', (_county, itemCode, override) => {
    const item = DEMO_CATALOG.find((i) => i.implementationCode === itemCode);
    expect(item).toBeDefined();
    expect(validateCountyImplementation(item!, override)).toEqual([]);
  });
});
