import type { TopologyIndex } from '#libs/config';
import { hasChannel } from '#libs/contracts';
import { parseComplaintNumber } from './complaint-number.js';

/**
 * Where a complaint goes and who may say what about it: plain functions of the topology, shared by
 * the sender (which target) and the receiver (whether the sender could have sent it).
 */

/** What a complaint is about, as far as its routing goes. */
export interface RoutedComplaint {
  number: string;
  againstNode: string;
  takenAtNode: string;
  handlingNode: string;
}

/**
 * The supervising level that handles a complaint against `againstNode` (投诉受理的监督层级): a
 * township's parent (its county, or the city for a township directly under it); the city for a
 * county, and for itself (its coordinators, 市级电子监察). Undefined for a node not in the topology.
 */
export function handlerFor(topology: TopologyIndex, againstNode: string): string | undefined {
  const node = topology.get(againstNode);
  if (!node) return undefined;
  if (node.tier === 'township') return node.parent ?? topology.city.code;
  return topology.city.code;
}

/**
 * How `complaint.filed` reaches the handler: `local` when the taking node handles it itself;
 * `direct` on the link between the two; `via_city` when there is none (siblings' and cousins'
 * children), the city forwarding it on its direct link.
 */
export type FiledRoute = 'local' | 'direct' | 'via_city';

export function filedRoute(topology: TopologyIndex, takenAt: string, handler: string): FiledRoute {
  if (takenAt === handler) return 'local';
  return hasChannel(topology, takenAt, handler) ? 'direct' : 'via_city';
}

/**
 * Where the taking node sends `complaint.filed`: the handler when a channel exists, else the city
 * (which forwards it, or only keeps its copy of a complaint the taking node handles itself). None
 * when the city takes a complaint it handles: it has it already.
 */
export function filedTarget(topology: TopologyIndex, takenAt: string, handler: string): string | undefined {
  if (filedRoute(topology, takenAt, handler) === 'direct') return handler;
  const city = topology.city.code;
  return takenAt === city ? undefined : city;
}

/** Where the handler sends `complaint.answered`, and whether the city passes it on to the taking node. */
export interface AnswerRoute {
  targets: string[];
  cityForwards: boolean;
}

/**
 * The answer goes to the city (unless the city answered it) and to the taking node when that is
 * neither the city nor the handler: directly when a channel exists, else forwarded by the city.
 */
export function answerRoute(topology: TopologyIndex, handler: string, takenAt: string): AnswerRoute {
  const city = topology.city.code;
  const targets = handler === city ? [] : [city];
  let cityForwards = false;
  if (takenAt !== handler && takenAt !== city) {
    if (hasChannel(topology, handler, takenAt)) targets.push(takenAt);
    else cityForwards = true;
  }
  return { targets, cityForwards };
}

/** What is wrong with a complaint in itself (its number, nodes and handler), or undefined. */
export function complaintProblem(topology: TopologyIndex, c: RoutedComplaint): string | undefined {
  const parts = parseComplaintNumber(c.number);
  if (!parts) return `${c.number} is not a complaint number`;
  if (parts.nodeCode !== c.takenAtNode) return `complaint ${c.number} was numbered at ${parts.nodeCode}, not at ${c.takenAtNode}`;
  for (const code of [c.againstNode, c.takenAtNode, c.handlingNode]) if (!topology.get(code)) return `node ${code} is not in the topology`;
  const handler = handlerFor(topology, c.againstNode);
  if (handler !== c.handlingNode) return `a complaint against ${c.againstNode} is handled by ${handler}, not ${c.handlingNode}`;
  return undefined;
}

/**
 * Whether `complaint.filed` could come from `source` to `target`: from the taking node to where it
 * sends complaints (filedTarget), or from the city forwarding one that had no other way to its handler.
 */
export function filedSenderProblem(topology: TopologyIndex, c: RoutedComplaint, source: string, target: string): string | undefined {
  if (source === c.takenAtNode) {
    const expected = filedTarget(topology, c.takenAtNode, c.handlingNode);
    return expected === target ? undefined : `node ${source} took complaint ${c.number} and sends it to ${expected ?? 'nobody'}, not ${target}`;
  }
  if (source === topology.city.code && filedRoute(topology, c.takenAtNode, c.handlingNode) === 'via_city') {
    return target === c.handlingNode ? undefined : `the city forwards complaint ${c.number} to its handler ${c.handlingNode}, not ${target}`;
  }
  return `node ${source} neither took complaint ${c.number} nor may forward it`;
}

/**
 * Whether `complaint.answered` could come from `source` to `target`: from the handler to the city or
 * the taking node it has a channel to, or from the city passing on an answer the taking node could
 * not get otherwise. Only the handler answers.
 */
export function answeredSenderProblem(topology: TopologyIndex, c: RoutedComplaint, source: string, target: string): string | undefined {
  const route = answerRoute(topology, c.handlingNode, c.takenAtNode);
  if (source === c.handlingNode) {
    return route.targets.includes(target) ? undefined : `the handler ${source} sends the answer to ${route.targets.join(', ') || 'nobody'}, not ${target}`;
  }
  if (source === topology.city.code && route.cityForwards) {
    return target === c.takenAtNode ? undefined : `the city forwards the answer to complaint ${c.number} to ${c.takenAtNode}, not ${target}`;
  }
  return `only the handler ${c.handlingNode} answers complaint ${c.number}, not node ${source}`;
}
