import type { Lang } from '../../lib/i18n';
import type { Role, Tier } from '../../lib/session';

/**
 * The posts and the tiers they exist on, as libs/identity/src/roles.ts has them (ROLE_INFO): the
 * create form offers only this node's; the API refuses any other (400 roles:roleOnTier) all the same.
 */
export const ROLE_INFO: Record<Role, { tiers: readonly Tier[]; zh: string; en: string; color: string }> = {
  township_clerk: { tiers: ['township'], zh: '乡镇窗口人员', en: 'township clerk', color: 'blue' },
  county_operator: { tiers: ['county'], zh: '县级窗口/审批科人员', en: 'county operator', color: 'geekblue' },
  city_coordinator: { tiers: ['city'], zh: '市级协调/电子监察人员', en: 'city coordinator', color: 'purple' },
  city_approver: { tiers: ['city'], zh: '市级审批科人员', en: 'city approver', color: 'cyan' },
  catalog_editor: { tiers: ['city', 'county'], zh: '事项目录编辑', en: 'catalog editor', color: 'green' },
  auditor: { tiers: ['city', 'county'], zh: '纪检监察人员（只读）', en: 'auditor (read-only)', color: 'gold' },
  node_admin: { tiers: ['city', 'county', 'township'], zh: '节点管理员', en: 'node administrator', color: 'red' },
};

export const ROLES = Object.keys(ROLE_INFO) as Role[];

export function rolesOnTier(tier: Tier): Role[] {
  return ROLES.filter((r) => ROLE_INFO[r].tiers.includes(tier));
}

export function roleLabel(role: string, lang: Lang): string {
  const info = ROLE_INFO[role as Role];
  if (!info) return role;
  return lang === 'zh' ? info.zh : info.en;
}
