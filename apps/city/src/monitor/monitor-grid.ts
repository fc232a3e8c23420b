import type { Tier, TopologyNode } from '#libs/config';
import type { MonitorNodeCount } from '#libs/monitor';

/** One centre on the wall screen: who it is and its cases by holder, live ones by light. */
export interface MonitorGridNode {
  code: string;
  /** The topology's name; the code itself for a node the topology no longer lists. */
  name: string;
  /** null for a node the topology no longer lists (its cases are still counted). */
  tier: Tier | null;
  parent: string | null;
  /** Live cases it holds: green + yellow + red + unlit. */
  live: number;
  closed: number;
  green: number;
  yellow: number;
  red: number;
  /** Live cases without a light yet (taken in, not accepted: no clock). */
  unlit: number;
}

export interface MonitorGridTotals {
  live: number;
  closed: number;
  green: number;
  yellow: number;
  red: number;
  unlit: number;
}

export interface MonitorGrid {
  /** When the figures were read (the node's clock). */
  at: string;
  /** The city's calendar day at that moment (YYYY-MM-DD, Beijing time). */
  today: string;
  totals: MonitorGridTotals;
  /** Every centre of the topology, in tree order (the city, then each county followed by its townships), then any node it no longer lists. */
  nodes: MonitorGridNode[];
}

/** The topology in tree order: a node, then its children by code, depth first, from the root(s). */
function treeOrder(nodes: readonly TopologyNode[]): TopologyNode[] {
  const children = new Map<string | undefined, TopologyNode[]>();
  const codes = new Set(nodes.map((n) => n.code));
  for (const n of nodes) {
    // A parent the topology does not list makes the node a root (validated topologies have none).
    const key = n.parent !== undefined && codes.has(n.parent) ? n.parent : undefined;
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  const out: TopologyNode[] = [];
  const walk = (parent: string | undefined): void => {
    for (const n of [...(children.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code))) {
      out.push(n);
      walk(n.code);
    }
  };
  walk(undefined);
  return out;
}

/**
 * Every centre of the network with its live cases by light, from the monitor's one line per holder
 * node (`monitor_node_count`): centres with nothing show zeros, and lines of a node the topology no
 * longer lists are kept at the end, so the totals are the network's.
 */
export function monitorGrid(topology: readonly TopologyNode[], lines: readonly MonitorNodeCount[], at: string, today: string): MonitorGrid {
  const byCode = new Map(lines.map((l) => [l.node, l]));
  const line = (code: string, name: string, tier: Tier | null, parent: string | null): MonitorGridNode => {
    const l = byCode.get(code);
    const [live, closed, green, yellow, red] = l ? [l.live, l.closed, l.green, l.yellow, l.red] : [0, 0, 0, 0, 0];
    return { code, name, tier, parent, live, closed, green, yellow, red, unlit: live - green - yellow - red };
  };
  const known = treeOrder(topology).map((n) => line(n.code, n.name, n.tier, n.parent ?? null));
  const listed = new Set(topology.map((n) => n.code));
  const unknown = [...byCode.keys()]
    .filter((c) => !listed.has(c))
    .sort()
    .map((c) => line(c, c, null, null));
  const nodes = [...known, ...unknown];
  const totals: MonitorGridTotals = { live: 0, closed: 0, green: 0, yellow: 0, red: 0, unlit: 0 };
  for (const n of nodes) for (const k of Object.keys(totals) as Array<keyof MonitorGridTotals>) totals[k] += n[k];
  return { at, today, totals, nodes };
}
