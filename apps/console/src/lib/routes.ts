import type { ReactNode } from 'react';
import type { Role, Tier } from './session';

/** One page of the console: where it lives, who sees it, and its menu entry. */
export interface ConsoleRoute {
  /** Under the hash: 'counter/intake' is #/counter/intake. May hold params (':caseNumber'). */
  path: string;
  element: ReactNode;
  /** The tiers whose nodes offer the page. */
  tiers: Tier[];
  /** Any one of these roles opens it; 'any' is every signed-in person. */
  roles: Role[] | 'any';
  /** The menu entry (pages without one are reached from other pages). */
  menu?: { zh: string; en: string; icon?: ReactNode; group: MenuGroup; order?: number };
  /** Full screen without the menu frame: the wall screen, the rating screen. */
  bare?: boolean;
  /** Open without signing in (the public progress lookup, the rating screen with its ticket). */
  public?: boolean;
}

export type MenuGroup = 'counter' | 'county' | 'city' | 'catalog' | 'assessment' | 'admin';

export const MENU_GROUPS: Record<MenuGroup, { zh: string; en: string; order: number }> = {
  counter: { zh: '综合窗口', en: 'Counter', order: 1 },
  county: { zh: '审批大厅', en: 'County hall', order: 2 },
  city: { zh: '电子监察', en: 'Supervision', order: 3 },
  catalog: { zh: '事项目录', en: 'Catalog', order: 4 },
  assessment: { zh: '效能考核', en: 'Assessment', order: 5 },
  admin: { zh: '节点管理', en: 'Administration', order: 6 },
};

/** May the signed-in person open this page at this node? */
export function allowed(r: ConsoleRoute, tier: string | undefined, roles: string[]): boolean {
  if (!tier || !r.tiers.includes(tier as Tier)) return false;
  return r.roles === 'any' || r.roles.some((x) => roles.includes(x));
}
