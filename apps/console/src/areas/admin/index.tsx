import { HeartOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '../../lib/routes';
import { DeadLettersPage } from './DeadLettersPage';
import { HealthPage } from './HealthPage';
import { StaffPage } from './StaffPage';

/** Node administration, at every tier, for the node administrator: staff, dead letters, health. */
export const adminRoutes: ConsoleRoute[] = [
  {
    path: 'admin/staff',
    element: <StaffPage />,
    tiers: ['city', 'county', 'township'],
    roles: ['node_admin'],
    menu: { zh: '工作人员', en: 'Staff', icon: <TeamOutlined />, group: 'admin', order: 1 },
  },
  {
    path: 'admin/dead-letters',
    element: <DeadLettersPage />,
    tiers: ['city', 'county', 'township'],
    roles: ['node_admin'],
    menu: { zh: '死信', en: 'Dead letters', icon: <WarningOutlined />, group: 'admin', order: 2 },
  },
  {
    path: 'admin/health',
    element: <HealthPage />,
    tiers: ['city', 'county', 'township'],
    roles: ['node_admin'],
    menu: { zh: '节点状态', en: 'Node health', icon: <HeartOutlined />, group: 'admin', order: 3 },
  },
];
