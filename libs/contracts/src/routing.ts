import type { TopologyIndex } from '#libs/config';
import type { Channel } from './registry.js';
import type { TopicSpecification, Topics } from './topics.js';

/**
 * The topic an event from `source` to `target` travels on. Between a node and its parent, and
 * from a node to its area, the parent's (or the node's own) area topic; the catalog has its own.
 */
export function topicFor(topics: Topics, topology: TopologyIndex, channel: Channel, source: string, target: string): string {
  if (channel === 'catalog') return topics.catalog;
  if (channel === 'status') return topics.status;
  const src = topology.require(source);
  if (channel === 'county-catalog') {
    if (src.tier !== 'county') throw new Error(`only a county publishes a county catalog (source ${source})`);
    return topics.countyCatalog(source);
  }
  if (target === '*') {
    if (src.tier !== 'city') throw new Error(`only the city may address every node (source ${source})`);
    return topics.area(source);
  }
  if (target.startsWith('area:')) {
    const area = target.slice(5);
    if (area !== source) throw new Error(`node ${source} may only address its own area, not ${area}`);
    return topics.area(source);
  }
  const dst = topology.require(target);
  if (dst.parent === source) return topics.area(source);
  if (src.parent === target) return topics.area(target);
  throw new Error(`no channel from ${source} to ${target}: events travel between a node and its parent or children`);
}

/**
 * The topics a node reads: its own area (if it has children) and its parent's; the city's
 * catalog (every node but the city, which writes it); its county's catalog (a township); and the
 * status reports (the city).
 */
export function topicsReadBy(topics: Topics, topology: TopologyIndex, code: string): string[] {
  const node = topology.require(code);
  const out: string[] = [];
  if (node.tier !== 'township') out.push(topics.area(code));
  if (node.parent) out.push(topics.area(node.parent));
  if (node.tier !== 'city') out.push(topics.catalog);
  const parent = node.parent ? topology.get(node.parent) : undefined;
  if (node.tier === 'township' && parent?.tier === 'county') out.push(topics.countyCatalog(parent.code));
  if (node.tier === 'city') out.push(topics.status);
  return out;
}

/** Every topic a deployment needs, for the operator's `up` and for a node's own start. */
export function topicSpecsFor(topics: Topics, topology: TopologyIndex): TopicSpecification[] {
  const nodes = topology.topology.nodes;
  return [
    ...nodes.filter((n) => n.tier !== 'township').map((n) => topics.areaSpec(n.code)),
    ...nodes.filter((n) => n.tier === 'county').map((n) => topics.countyCatalogSpec(n.code)),
    topics.catalogSpec(),
    topics.statusSpec(),
    topics.deadLetterSpec(),
  ];
}

/** Whether a node should apply an event addressed to `target`. */
export function isAddressedTo(topology: TopologyIndex, target: string, code: string): boolean {
  if (target === '*' || target === code) return true;
  if (!target.startsWith('area:')) return false;
  const area = target.slice(5);
  for (let n = topology.get(code); n; n = n.parent ? topology.get(n.parent) : undefined) if (n.code === area) return true;
  return false;
}
