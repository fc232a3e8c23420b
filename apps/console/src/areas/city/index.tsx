import { AlertOutlined, AuditOutlined, DesktopOutlined, FileSearchOutlined, FundOutlined, SafetyCertificateOutlined, SlidersOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '../../lib/routes';
import { AccountabilityPage } from './AccountabilityPage';
import { AssessmentPage } from './AssessmentPage';
import { AuditLogPage } from './AuditLogPage';
import { CasesPage } from './CasesPage';
import { CityCasePage } from './CityCasePage';
import { SupervisionPage } from './SupervisionPage';
import { WallScreen } from './WallScreen';
import { WeightsPage } from './WeightsPage';
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
  {
    path: 'city/supervision',
    element: <SupervisionPage />,
    tiers: ['city'],
    roles: ['city_coordinator', 'auditor'],
    menu: { zh: '督办管理', en: 'Supervision orders', icon: <AlertOutlined />, group: 'city', order: 3 },
  },
  {
    path: 'city/accountability',
    element: <AccountabilityPage />,
    tiers: ['city'],
    roles: ['city_coordinator', 'auditor'],
    menu: { zh: '问责记录', en: 'Accountability', icon: <SafetyCertificateOutlined />, group: 'city', order: 4 },
  },
  {
    path: 'city/assessment',
    element: <AssessmentPage />,
    tiers: ['city'],
    roles: ['city_coordinator', 'auditor'],
    menu: { zh: '月度考核', en: 'Monthly assessment', icon: <FundOutlined />, group: 'assessment', order: 1 },
  },
  {
    path: 'city/assessment/weights',
    element: <WeightsPage />,
    tiers: ['city'],
    roles: ['city_coordinator', 'auditor'],
    menu: { zh: '考核权重', en: 'Index weights', icon: <SlidersOutlined />, group: 'assessment', order: 2 },
  },
  {
    path: 'audit-log',
    element: <AuditLogPage />,
    tiers: ['city', 'county'],
    roles: ['auditor', 'node_admin'],
    menu: { zh: '审计日志', en: 'Audit log', icon: <AuditOutlined />, group: 'admin', order: 50 },
  },
];
