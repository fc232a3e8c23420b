import type { Role } from '../roles.js';

/** The staff member behind a request, as the access guard established it. */
export interface SignedInStaff {
  id: string;
  login: string;
  name: string;
  node: string;
  roles: Role[];
  /** The role this request is made in: the first of the staff member's roles the endpoint accepts. */
  actingRole: Role;
  sessionId: string;
}

/** Who did it, in the form an event envelope carries (`Actor` in the contracts). */
export function actorOf(staff: SignedInStaff): { kind: 'staff'; id: string; role: Role } {
  return { kind: 'staff', id: staff.id, role: staff.actingRole };
}
