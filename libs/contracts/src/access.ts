import type { TopologyIndex } from '#libs/config';
import { linksOf } from './routing.js';
import type { Topics } from './topics.js';

/** One permission the broker's authorizer grants a principal (a Kafka ACL binding, allow only). */
export interface AccessGrant {
  principal: string;
  resource: 'topic' | 'group' | 'cluster';
  /** A topic or group name, or `kafka-cluster`. */
  name: string;
  pattern: 'literal' | 'prefixed';
  operation: 'read' | 'write' | 'describe' | 'idempotent-write';
}

/** A node's principal on the broker, scoped by the deployment's topic prefix so that deployments sharing a broker stay apart. */
export function nodePrincipal(prefix: string, code: string): string {
  return `${prefix}.node.${code}`;
}

/** A node's consumer group. */
export function nodeGroup(prefix: string, code: string): string {
  return `${prefix}.node.${code}`;
}

/**
 * What each node may do on the broker, and nothing else: write its own outgoing links (and the
 * catalog it owns), read the links addressed to it and the broadcasts of its scope. The city reads
 * every topic of the deployment: it observes the whole network.
 */
export function accessGrantsFor(topics: Topics, topology: TopologyIndex, code: string): AccessGrant[] {
  const node = topology.require(code);
  const principal = `User:${nodePrincipal(topics.prefix, code)}`;
  const grant = (resource: AccessGrant['resource'], name: string, operation: AccessGrant['operation'], pattern: AccessGrant['pattern'] = 'literal'): AccessGrant => ({
    principal,
    resource,
    name,
    pattern,
    operation,
  });
  const out: AccessGrant[] = [
    // Its consumer group, and any group named under it (an operator's probe, a rebuild): never another node's.
    grant('group', nodeGroup(topics.prefix, code), 'read', 'prefixed'),
    grant('cluster', 'kafka-cluster', 'idempotent-write'),
    grant('topic', topics.deadLetter, 'write'),
  ];
  for (const [from, to] of linksOf(topology)) {
    if (from === code) out.push(grant('topic', topics.link(from, to), 'write'));
    else if (to === code && node.tier !== 'city') out.push(grant('topic', topics.link(from, to), 'read'));
  }
  if (node.tier === 'city') {
    out.push(grant('topic', topics.catalog, 'write'), grant('topic', `${topics.prefix}.`, 'read', 'prefixed'));
  } else {
    out.push(grant('topic', topics.catalog, 'read'));
  }
  if (node.tier === 'county') out.push(grant('topic', topics.countyCatalog(code), 'write'));
  const parent = node.parent ? topology.get(node.parent) : undefined;
  if (node.tier === 'township' && parent?.tier === 'county') out.push(grant('topic', topics.countyCatalog(parent.code), 'read'));
  return out;
}
