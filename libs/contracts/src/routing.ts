import type { TopologyIndex } from '#libs/config';
import type { Channel } from './registry.js';
import type { TopicSpecification, Topics } from './topics.js';

/** Every directed link of a deployment: each parent-child pair both ways, and the city to every node below a county. */
export function linksOf(topology: TopologyIndex): Array<[from: string, to: string]> {
  const out: Array<[string, string]> = [];
  const city = topology.city.code;
  for (const n of topology.topology.nodes) {
    if (n.parent) out.push([n.code, n.parent], [n.parent, n.code]);
    if (n.code !== city && n.parent !== city) out.push([city, n.code]);
  }
  return out;
}

/**
 * The topic an event from `source` to `target` travels on: the link between a node and its parent
 * or child; the city's own link to any node (a supervision order to a township); a node's link to
 * its parent for what it tells the city (the city observes every link). Broadcasts travel only on
 * the catalog topics.
 */
export function topicFor(topics: Topics, topology: TopologyIndex, channel: Channel, source: string, target: string): string {
  const src = topology.require(source);
  if (channel === 'catalog') {
    if (src.tier !== 'city') throw new Error(`only the city publishes the catalog (source ${source})`);
    return topics.catalog;
  }
  if (channel === 'county-catalog') {
    if (src.tier !== 'county') throw new Error(`only a county publishes a county catalog (source ${source})`);
    return topics.countyCatalog(source);
  }
  if (!/^\d{12}$/.test(target)) throw new Error(`a link carries events to one node, not to ${target}`);
  topology.require(target);
  const hop = linkHop(topology, source, target);
  if (!hop) throw new Error(`no channel from ${source} to ${target}: events travel between a node and its parent or children, or to and from the city`);
  return topics.link(source, hop);
}

/**
 * The other end of the link an event from `source` to `target` takes: the target itself (parent,
 * child, or anyone for the city), or the source's parent for what it tells the city, which observes
 * that link. Undefined where there is no channel (siblings, cousins, a node to itself).
 */
function linkHop(topology: TopologyIndex, source: string, target: string): string | undefined {
  const src = topology.get(source);
  const dst = topology.get(target);
  if (!src || !dst || src.code === dst.code) return undefined;
  if (dst.parent === source || src.parent === target || src.tier === 'city') return target;
  if (dst.tier === 'city' && src.parent) return src.parent;
  return undefined;
}

/** Whether a link-channel event can travel from `source` to `target` at all. */
export function hasChannel(topology: TopologyIndex, source: string, target: string): boolean {
  return linkHop(topology, source, target) !== undefined;
}

/**
 * The topics a node reads: the links addressed to it, the catalog (every node but the city, which
 * writes it) and its county's catalog (a township). The city reads every link and county catalog:
 * it observes the whole network.
 */
export function topicsReadBy(topics: Topics, topology: TopologyIndex, code: string): string[] {
  const node = topology.require(code);
  if (node.tier === 'city') {
    return [
      ...linksOf(topology)
        .filter(([from]) => from !== code)
        .map(([from, to]) => topics.link(from, to)),
      ...topology.topology.nodes.filter((n) => n.tier === 'county').map((n) => topics.countyCatalog(n.code)),
    ];
  }
  const out = linksOf(topology)
    .filter(([, to]) => to === code)
    .map(([from]) => topics.link(from, code));
  out.push(topics.catalog);
  const parent = node.parent ? topology.get(node.parent) : undefined;
  if (node.tier === 'township' && parent?.tier === 'county') out.push(topics.countyCatalog(parent.code));
  return out;
}

/** Every topic a deployment needs, for the operator's `up` and `provision`. */
export function topicSpecsFor(topics: Topics, topology: TopologyIndex): TopicSpecification[] {
  return [
    ...linksOf(topology).map(([from, to]) => topics.linkSpec(from, to)),
    ...topology.topology.nodes.filter((n) => n.tier === 'county').map((n) => topics.countyCatalogSpec(n.code)),
    topics.catalogSpec(),
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

/** Where a message came from, known from the topic alone (its only writer), and what it may carry. */
export interface TopicOrigin {
  /** The one node the broker lets write this topic. */
  writer: string;
  channel: Channel;
  /** The node the topic is addressed to; undefined for a broadcast. */
  to?: string;
}

/** The true sender of whatever is on `topic`; undefined for a topic that carries no events of this deployment. */
export function originOf(topics: Topics, topology: TopologyIndex, topic: string): TopicOrigin | undefined {
  const kind = topics.kindOf(topic);
  if (!kind) return undefined;
  if (kind.kind === 'link') {
    if (!topology.get(kind.from) || !topology.get(kind.to)) return undefined;
    return { writer: kind.from, channel: 'link', to: kind.to };
  }
  if (kind.kind === 'catalog') return { writer: topology.city.code, channel: 'catalog' };
  if (kind.kind === 'county-catalog') return topology.get(kind.county)?.tier === 'county' ? { writer: kind.county, channel: 'county-catalog' } : undefined;
  return undefined;
}
