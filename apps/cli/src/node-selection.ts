import type { Topology, TopologyNode } from '#libs/config';

export class NodeSelectionError extends Error {}

/**
 * The nodes `up --only <list>` starts: a comma-separated list of node codes, each a 12-digit code
 * of the topology, or `area:<code>` for that node and every node under it (a county and its
 * townships), the notation events use for an area. Returned in topology order, each once.
 */
export function selectNodes(topology: Topology, list: string): TopologyNode[] {
  const entries = list.split(',').map((e) => e.trim());
  if (entries.length === 0 || entries.every((e) => e === '')) throw new NodeSelectionError('--only needs at least one node code (or area:<code>)');
  const byCode = new Map(topology.nodes.map((n) => [n.code, n]));
  const chosen = new Set<string>();
  const problems: string[] = [];
  for (const entry of entries) {
    const m = /^(area:)?(\d{12})$/.exec(entry);
    if (!m) {
      problems.push(`"${entry}" is neither a 12-digit node code nor area:<code>`);
      continue;
    }
    const code = m[2]!;
    if (!byCode.has(code)) {
      problems.push(`${code} is not a node of topology "${topology.name}"`);
      continue;
    }
    chosen.add(code);
    if (m[1]) for (const n of topology.nodes) if (isUnder(byCode, n, code)) chosen.add(n.code);
  }
  if (problems.length > 0) throw new NodeSelectionError(`--only: ${problems.join('; ')}`);
  return topology.nodes.filter((n) => chosen.has(n.code));
}

function isUnder(byCode: Map<string, TopologyNode>, node: TopologyNode, area: string): boolean {
  for (let p = node.parent; p !== undefined; p = byCode.get(p)?.parent) if (p === area) return true;
  return false;
}
