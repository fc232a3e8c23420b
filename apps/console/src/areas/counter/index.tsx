import { FileSearchOutlined, FormOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '../../lib/routes';
import { CaseDetailPage } from './CaseDetailPage';
import { CasesPage } from './CasesPage';
import { IntakePage } from './IntakePage';
import { MattersPage } from './MattersPage';
import { ProgressPage } from './ProgressPage';
import { RatingScreen } from './RatingScreen';
import './counter.css';

/**
 * 综合窗口 (the township counter): find a matter and its checklist, take an application in, work the
 * node's cases; and the two pages for the public: the rating screen (电子评价器) and the progress lookup.
 */
export const counterRoutes: ConsoleRoute[] = [
  {
    path: 'counter/matters',
    element: <MattersPage />,
    tiers: ['township'],
    roles: ['township_clerk', 'node_admin'],
    menu: { zh: '事项查询', en: 'Find a matter', icon: <FileSearchOutlined />, group: 'counter', order: 1 },
  },
  {
    path: 'counter/intake',
    element: <IntakePage />,
    tiers: ['township'],
    roles: ['township_clerk'],
    menu: { zh: '收件', en: 'Intake', icon: <FormOutlined />, group: 'counter', order: 2 },
  },
  {
    path: 'counter/cases',
    element: <CasesPage />,
    tiers: ['township'],
    roles: ['township_clerk', 'node_admin'],
    menu: { zh: '办件', en: 'Cases', icon: <UnorderedListOutlined />, group: 'counter', order: 3 },
  },
  { path: 'counter/cases/:caseNumber', element: <CaseDetailPage />, tiers: ['township'], roles: ['township_clerk', 'node_admin'] },
  { path: 'rate/:ticket', element: <RatingScreen />, tiers: ['city', 'county', 'township'], roles: 'any', bare: true, public: true },
  { path: 'progress', element: <ProgressPage />, tiers: ['city', 'county', 'township'], roles: 'any', bare: true, public: true },
];
