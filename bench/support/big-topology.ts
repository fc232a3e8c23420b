/**
 * A large city's topology for the scale scenarios: one city, `counties` counties and
 * `townshipsPerCounty` townships under each (40 × 25 = 1,000 townships, 1,041 nodes by default),
 * all with valid 12-digit region codes (统计用区划代码) that the topology validator accepts. The
 * demo network's counties and townships (兴庆区, 永宁县 and their towns) are among them, so a real
 * county started from it seeds its demo catalog as on `npm start`.
 */
import { validateTopology } from '#libs/config';
import type { BenchNodeSpec } from './harness.js';

export const BIG_CITY = '640100000000';
/** The demo network's two counties and their townships: the ones a scenario starts as real nodes. */
export const DEMO_COUNTY = '640104000000';
export const DEMO_TOWNSHIPS = ['640104100000', '640104200000'];

/** County digits 5-6: the city's real districts and counties first, then the free numbers in order. */
function countyDigits(n: number): string[] {
  const real = ['04', '21', '05', '06', '22', '81'];
  const out = real.slice(0, n);
  for (let d = 1; out.length < n && d <= 99; d++) {
    const s = String(d).padStart(2, '0');
    if (!out.includes(s)) out.push(s);
  }
  if (out.length < n) throw new Error(`a city has at most 99 counties, not ${n}`);
  return out;
}

/**
 * Township digits 7-9 by kind (001-099 街道, 100-199 镇, 200-399 乡): a third of each, towns first,
 * so a county's first townships are 100 and 200 (掌政镇 640104100000, 通贵乡 640104200000).
 */
function townshipDigits(n: number): string[] {
  const towns = Math.ceil(n / 3);
  const rural = Math.ceil((n - towns) / 2);
  const streets = n - towns - rural;
  if (towns > 100 || rural > 200 || streets > 99) throw new Error(`too many townships in one county: ${n}`);
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i).padStart(3, '0'));
  const [t, r, s] = [range(100, towns), range(200, rural), range(1, streets)];
  // Interleaved, so that any prefix of the list has every kind: the smoke's small counties too.
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) for (const list of [t, r, s]) if (i < list.length && out.length < n) out.push(list[i]!);
  return out;
}

const KIND = (digits: string): string => {
  const n = Number(digits);
  return n < 100 ? '街道办事处' : n < 200 ? '镇' : '乡';
};

export interface BigTopologyOptions {
  counties?: number;
  townshipsPerCounty?: number;
  /** Codes started as real node processes (`process: true`); every other node is simulated. */
  real?: Iterable<string>;
}

/** The nodes of a city of `counties` × `townshipsPerCounty` townships, the city first, each county followed by its townships. */
export function bigTopology(o: BigTopologyOptions = {}): BenchNodeSpec[] {
  const counties = o.counties ?? 40;
  const perCounty = o.townshipsPerCounty ?? 25;
  const real = new Set(o.real ?? []);
  const spec = (code: string, name: string, tier: BenchNodeSpec['tier'], parent?: string): BenchNodeSpec => ({ code, name, tier, parent, process: real.has(code) });
  const nodes: BenchNodeSpec[] = [spec(BIG_CITY, '银川市政务服务中心', 'city')];
  const townships = townshipDigits(perCounty);
  for (const [ci, cd] of countyDigits(counties).entries()) {
    const county = `6401${cd}000000`;
    nodes.push(spec(county, `县区${ci + 1}政务服务中心`, 'county', BIG_CITY));
    for (const [ti, td] of townships.entries()) nodes.push(spec(`6401${cd}${td}000`, `县区${ci + 1}第${ti + 1}${KIND(td)}便民服务中心`, 'township', county));
  }
  const unknown = [...real].filter((c) => !nodes.some((n) => n.code === c));
  if (unknown.length > 0) throw new Error(`real node(s) ${unknown.join(', ')} are not in a topology of ${counties} × ${perCounty}`);
  // The validator the nodes and `up` use: a generated topology it refuses is a bug here.
  validateTopology({ name: 'big', nodes: nodes.map((n, i) => ({ ...n, httpPort: 1 + i, database: `big_${n.code}` })) });
  return nodes;
}

/** How many of each kind a topology has, for the notes. */
export function countTiers(nodes: BenchNodeSpec[]): { counties: number; townships: number; nodes: number } {
  return { counties: nodes.filter((n) => n.tier === 'county').length, townships: nodes.filter((n) => n.tier === 'township').length, nodes: nodes.length };
}
