import type { Tier } from '#libs/config';

/** What a staff member may do, by post. A person may hold several roles at their node. */
export const ROLES = ['township_clerk', 'county_operator', 'city_coordinator', 'city_approver', 'catalog_editor', 'auditor', 'node_admin'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleInfo {
  /** The tiers of node where this post exists. */
  tiers: readonly Tier[];
  labelZh: string;
  labelEn: string;
}

/**
 * Where each post exists. A township has a counter and its administrator; the county has its hall,
 * its implementation list (实施清单) and its own inspectors; the city owns the catalog, supervises,
 * decides city matters and inspects everything.
 */
export const ROLE_INFO: Record<Role, RoleInfo> = {
  township_clerk: { tiers: ['township'], labelZh: '乡镇窗口人员', labelEn: 'township clerk' },
  county_operator: { tiers: ['county'], labelZh: '县级窗口/审批科人员', labelEn: 'county operator' },
  city_coordinator: { tiers: ['city'], labelZh: '市级协调/电子监察人员', labelEn: 'city coordinator' },
  city_approver: { tiers: ['city'], labelZh: '市级审批科人员', labelEn: 'city approver' },
  catalog_editor: { tiers: ['city', 'county'], labelZh: '事项目录编辑', labelEn: 'catalog editor' },
  auditor: { tiers: ['city', 'county'], labelZh: '纪检监察人员（只读）', labelEn: 'auditor (read-only)' },
  node_admin: { tiers: ['city', 'county', 'township'], labelZh: '节点管理员', labelEn: 'node administrator' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function rolesOnTier(tier: Tier): Role[] {
  return ROLES.filter((r) => ROLE_INFO[r].tiers.includes(tier));
}

export function roleExistsOn(role: Role, tier: Tier): boolean {
  return ROLE_INFO[role].tiers.includes(tier);
}
