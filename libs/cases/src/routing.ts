import { parentCodeOf, tierOfCode, type Tier } from '#libs/config';
import type { DecisionLevel } from '#libs/catalog';

const RANK: Record<Tier, number> = { township: 0, county: 1, city: 2 };

/** Why a matter cannot be routed from a node: the service turns it into a field error at intake. */
export type RoutingProblem = 'NOT_A_CENTRE' | 'LEVEL_BELOW_INTAKE';

export type DecidingNode = { ok: true; node: string } | { ok: false; problem: RoutingProblem };

/**
 * The node that decides a matter taken in at `intakeNode`: the intake node itself or the nearest
 * ancestor at the decision level. A township directly under a city (no county) has the city as its
 * county-level centre, so the city decides its county matters too.
 */
export function decidingNodeFor(intakeNode: string, level: DecisionLevel): DecidingNode {
  const tier = tierOfCode(intakeNode);
  if (tier === undefined) return { ok: false, problem: 'NOT_A_CENTRE' };
  if (RANK[tier] > RANK[level]) return { ok: false, problem: 'LEVEL_BELOW_INTAKE' };
  let node = intakeNode;
  for (;;) {
    const nodeTier = tierOfCode(node)!;
    if (RANK[nodeTier] >= RANK[level]) return { ok: true, node };
    node = parentCodeOf(node)!;
  }
}

/** The nodes a case passes through from intake to the decider, both included: one hand-up per hop. */
export function pathUp(intakeNode: string, decidingNode: string): string[] {
  const path = [intakeNode];
  let node = intakeNode;
  while (node !== decidingNode) {
    const parent = parentCodeOf(node);
    if (parent === undefined) throw new Error(`${decidingNode} is not above ${intakeNode}`);
    path.push(parent);
    node = parent;
  }
  return path;
}

/** The way the result travels back to the intake counter: the path up, reversed. */
export function pathDown(decidingNode: string, intakeNode: string): string[] {
  return pathUp(intakeNode, decidingNode).reverse();
}

/** The next node up from the current holder, or undefined at the city. */
export function nextHopUp(holder: string): string | undefined {
  return parentCodeOf(holder);
}
