import type { Tier } from '#libs/config';
import { residentIdCheckChar } from '#libs/domain';
import type { Role } from '../roles.js';

/**
 * The password of every demo account. Public, in this repository and the README: demo accounts exist
 * only on a node started with TONGBAN_DEMO=1, never on a real deployment.
 */
export const DEMO_PASSWORD = 'Tongban-Demo-2026';

export interface DemoAccount {
  login: string;
  name: string;
  roles: Role[];
  /** The demo account that stands in for this one in a role (AB岗). */
  backup?: { role: Role; login: string };
}

/** Who a demo node of each tier has: one account per post, and an A/B pair at the counter. */
export const DEMO_ACCOUNTS: Record<Tier, DemoAccount[]> = {
  city: [
    { login: 'admin', name: '市中心管理员（演示）', roles: ['node_admin'] },
    { login: 'coordinator', name: '市级协调员（演示）', roles: ['city_coordinator'] },
    { login: 'approver', name: '市级审批员 A 岗（演示）', roles: ['city_approver'], backup: { role: 'city_approver', login: 'approver-b' } },
    { login: 'approver-b', name: '市级审批员 B 岗（演示）', roles: ['city_approver'], backup: { role: 'city_approver', login: 'approver' } },
    { login: 'catalog', name: '事项目录编辑（演示）', roles: ['catalog_editor'] },
    { login: 'auditor', name: '纪检监察员（演示）', roles: ['auditor'] },
  ],
  county: [
    { login: 'admin', name: '县中心管理员（演示）', roles: ['node_admin'] },
    { login: 'operator', name: '县级窗口人员 A 岗（演示）', roles: ['county_operator'], backup: { role: 'county_operator', login: 'operator-b' } },
    { login: 'operator-b', name: '县级窗口人员 B 岗（演示）', roles: ['county_operator'], backup: { role: 'county_operator', login: 'operator' } },
    { login: 'catalog', name: '实施清单编辑（演示）', roles: ['catalog_editor'] },
    { login: 'auditor', name: '县纪检监察员（演示）', roles: ['auditor'] },
  ],
  township: [
    { login: 'admin', name: '乡镇中心管理员（演示）', roles: ['node_admin'] },
    { login: 'clerk', name: '乡镇窗口人员 A 岗（演示）', roles: ['township_clerk'], backup: { role: 'township_clerk', login: 'clerk-b' } },
    { login: 'clerk-b', name: '乡镇窗口人员 B 岗（演示）', roles: ['township_clerk'], backup: { role: 'township_clerk', login: 'clerk' } },
  ],
};

/** A made-up but well-formed resident ID for the n-th demo account of a node (to show masking). */
export function demoIdNumber(nodeCode: string, n: number): string {
  const first17 = `${nodeCode.slice(0, 6)}19900101${String(n + 1).padStart(3, '0')}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}
