import { DesktopOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '../../lib/routes';
import { CasesPage } from './CasesPage';
import { CityCasePage } from './CityCasePage';
import { WallScreen } from './WallScreen';
import './city.css';

/**
 * The city's pages: the wall screen and the monitor's cases (电子监察), supervision orders and
 * accountability, the monthly assessment and its weights, and the audit log (at the city and the counties).
 */
export const cityRoutes: ConsoleRoute[] = [
  {
    path: 'city/screen',
    element: <WallScreen />,
    tiers: ['city'],
    roles: ['city_coordinator', 'auditor', 'node_admin'],
    bare: true,
    menu: { zh: '电子监察屏', en: 'Wall screen', icon: <DesktopOutlined />, group: 'city', order: 1 },
  },
  {
    path: 'city/cases',
    element: <CasesPage />,
    tiers: ['city'],
    roles: ['city_coordinator', 'auditor', 'node_admin'],
    menu: { zh: '办件监察', en: 'Cases', icon: <FileSearchOutlined />, group: 'city', order: 2 },
  },
  {
    path: 'city/cases/:caseNumber',
    element: <CityCasePage />,
    tiers: ['city'],
    roles: ['city_coordinator', 'auditor', 'node_admin'],
  },
];
