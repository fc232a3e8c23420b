import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Tier, TIERS, isRegionCode, parentCodeOf, tierOfCode } from './region-code.js';

export interface TopologyNode {
  code: string;
  name: string;
  tier: Tier;
  /** The node this one reports to; absent only for the city. */
  parent?: string;
  httpPort: number;
  database: string;
}

export interface Topology {
  name: string;
  nodes: TopologyNode[];
}

export class TopologyError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid topology: ${problems.join('; ')}`);
    this.name = 'TopologyError';
  }
}

const DB_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks a parsed topology and returns it typed, or throws a TopologyError listing every problem. */
export function validateTopology(raw: unknown): Topology {
  const problems: string[] = [];
  const doc = (raw ?? {}) as { name?: unknown; nodes?: unknown };
  if (typeof doc.name !== 'string' || doc.name.trim() === '') problems.push('"name" must be a non-empty string');
  if (!Array.isArray(doc.nodes) || doc.nodes.length === 0) {
    problems.push('"nodes" must be a non-empty list');
    throw new TopologyError(problems);
  }
  const nodes: TopologyNode[] = [];
  doc.nodes.forEach((entry: unknown, i: number) => {
    const at = `nodes[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at} must be a node (code, name, tier, httpPort, database)`);
      return;
    }
    const n = entry as Record<string, unknown>;
    const code = String(n.code ?? '');
    if (!isRegionCode(code)) problems.push(`${at}.code must be a 12-digit region code (got "${code}")`);
    const tier = n.tier as Tier;
    if (!TIERS.includes(tier)) problems.push(`${at}.tier must be one of ${TIERS.join(', ')}`);
    else if (isRegionCode(code) && tierOfCode(code) !== tier) problems.push(`${at}.code ${code} is not a ${tier} code`);
    if (typeof n.name !== 'string' || n.name.trim() === '') problems.push(`${at}.name must be a non-empty string`);
    const port = Number(n.httpPort);
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`${at}.httpPort must be an integer between 1 and 65535`);
    const database = String(n.database ?? '');
    if (!DB_NAME.test(database)) problems.push(`${at}.database must be a lower-case PostgreSQL identifier`);
    const parent = n.parent === undefined ? undefined : String(n.parent);
    if (tier === 'city' && parent !== undefined) problems.push(`${at}: a city node has no parent`);
    if (tier !== 'city' && parent === undefined) problems.push(`${at}.parent is required for a ${tier} node`);
    nodes.push({ code, name: String(n.name ?? ''), tier, parent, httpPort: port, database });
  });
  const byCode = new Map<string, TopologyNode>();
  for (const n of nodes) {
    if (byCode.has(n.code)) problems.push(`node code ${n.code} appears twice`);
    byCode.set(n.code, n);
  }
  const dup = <K>(key: (n: TopologyNode) => K, what: string): void => {
    const seen = new Set<K>();
    for (const n of nodes) {
      if (seen.has(key(n))) problems.push(`${what} ${String(key(n))} is used by two nodes`);
      seen.add(key(n));
    }
  };
  dup((n) => n.httpPort, 'httpPort');
  dup((n) => n.database, 'database');
  if (nodes.filter((n) => n.tier === 'city').length !== 1) problems.push('a topology has exactly one city node');
  for (const n of nodes) {
    if (n.parent === undefined) continue;
    const p = byCode.get(n.parent);
    if (!p) {
      problems.push(`node ${n.code}: parent ${n.parent} is not in the topology`);
      continue;
    }
    if (n.tier === 'county' && p.tier !== 'city') problems.push(`node ${n.code}: a county's parent must be the city`);
    if (n.tier === 'township' && p.tier === 'township') problems.push(`node ${n.code}: a township's parent must be a county or the city`);
    // The parent is read from the code's digits: a township is inside its county, and only a
    // township whose code names no county (digits 5-6 are 00) may sit directly under the city.
    if (n.tier === 'township' && parentCodeOf(n.code) !== p.code) problems.push(`node ${n.code} is not inside ${p.tier} ${p.code}`);
    if (n.code.slice(0, 4) !== (nodes.find((x) => x.tier === 'city')?.code ?? n.code).slice(0, 4)) problems.push(`node ${n.code} is not inside the city`);
  }
  if (problems.length > 0) throw new TopologyError(problems);
  return { name: String(doc.name), nodes };
}

export function loadTopology(file: string): Topology {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new TopologyError([`cannot read topology file ${file}: ${(err as Error).message}`]);
  }
  return validateTopology(parse(text));
}

export class TopologyIndex {
  private readonly byCode: Map<string, TopologyNode>;
  constructor(readonly topology: Topology) {
    this.byCode = new Map(topology.nodes.map((n) => [n.code, n]));
  }
  get(code: string): TopologyNode | undefined {
    return this.byCode.get(code);
  }
  require(code: string): TopologyNode {
    const n = this.byCode.get(code);
    if (!n) throw new TopologyError([`node ${code} is not in topology "${this.topology.name}"`]);
    return n;
  }
  children(code: string): TopologyNode[] {
    return this.topology.nodes.filter((n) => n.parent === code);
  }
  get city(): TopologyNode {
    return this.topology.nodes.find((n) => n.tier === 'city') as TopologyNode;
  }
}
