import { ApartmentOutlined, InboxOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '../../lib/routes';
import { CaseDetailPage } from './CaseDetailPage';
import { ImplementationPage } from './ImplementationPage';
import { InboxPage } from './InboxPage';
import { TownshipCasesPage } from './TownshipCasesPage';

/**
 * 审批大厅: the county hall's inbox and case work, its implementation list and its townships' cases. The
 * city's approval section decides city matters with the same inbox and case pages.
 */
export const countyRoutes: ConsoleRoute[] = [
  {
    path: 'county/inbox',
    element: <InboxPage />,
    tiers: ['county', 'city'],
    roles: ['county_operator', 'city_approver', 'auditor'],
    menu: { zh: '待办', en: 'Inbox', icon: <InboxOutlined />, group: 'county', order: 1 },
  },
  {
    path: 'county/cases/:caseNumber',
    element: <CaseDetailPage />,
    tiers: ['county', 'city'],
    roles: ['county_operator', 'city_approver', 'auditor'],
  },
  {
    path: 'county/implementation',
    element: <ImplementationPage />,
    tiers: ['county'],
    roles: ['county_operator', 'catalog_editor', 'node_admin', 'auditor'],
    menu: { zh: '实施清单', en: 'Implementation list', icon: <UnorderedListOutlined />, group: 'county', order: 2 },
  },
  {
    path: 'county/townships',
    element: <TownshipCasesPage />,
    tiers: ['county'],
    roles: ['county_operator', 'auditor'],
    menu: { zh: '乡镇办件', en: 'Township cases', icon: <ApartmentOutlined />, group: 'county', order: 3 },
  },
];
