import type { Tier } from '#libs/config';
import type { Role } from './roles.js';

/** Who is asking: the node they work at and the roles they hold there. */
export interface StaffScope {
  node: string;
  roles: readonly Role[];
}

/** As much of the topology as scope needs (a TopologyIndex fits). */
export interface TopologyLookup {
  get(code: string): { code: string; tier: Tier; parent?: string } | undefined;
}

/** Roles that change things. An auditor only reads. */
const ACTING_ROLES: readonly Role[] = ['township_clerk', 'county_operator', 'city_coordinator', 'city_approver', 'catalog_editor', 'node_admin'];

const has = (staff: StaffScope, role: Role): boolean => staff.roles.includes(role);

/** Whether `code` is `ancestor` or lies under it in the topology. */
function within(topology: TopologyLookup, code: string, ancestor: string): boolean {
  for (let n = topology.get(code); n; n = n.parent ? topology.get(n.parent) : undefined) if (n.code === ancestor) return true;
  return false;
}

/**
 * Whether the staff member may read what `nodeCode` holds. Everyone reads their own node; a city
 * coordinator or auditor at the city reads the whole network; a county operator or auditor at a
 * county reads the county and its townships (the cases they sent up). Nobody reads another county.
 */
export function canReadNode(staff: StaffScope, nodeCode: string, topology: TopologyLookup): boolean {
  const home = topology.get(staff.node);
  if (!home || !topology.get(nodeCode)) return false;
  if (nodeCode === staff.node) return true;
  if (home.tier === 'city' && (has(staff, 'city_coordinator') || has(staff, 'auditor'))) return within(topology, nodeCode, home.code);
  if (home.tier === 'county' && (has(staff, 'county_operator') || has(staff, 'auditor'))) return within(topology, nodeCode, home.code);
  return false;
}

/**
 * Whether the staff member may act on (change, or send a request about) what `nodeCode` holds. Only
 * the holder's own staff change a case; the city coordinator may also address any node (a
 * supervision order). An auditor never acts.
 */
export function canActOnNode(staff: StaffScope, nodeCode: string, topology: TopologyLookup): boolean {
  const home = topology.get(staff.node);
  if (!home || !topology.get(nodeCode)) return false;
  if (!staff.roles.some((r) => ACTING_ROLES.includes(r))) return false;
  if (nodeCode === staff.node) return true;
  return home.tier === 'city' && has(staff, 'city_coordinator') && within(topology, nodeCode, home.code);
}
