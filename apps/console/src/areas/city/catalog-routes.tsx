import { CloudSyncOutlined, DiffOutlined, EditOutlined, FileExcelOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '../../lib/routes';
import { DraftFormPage } from './catalog/DraftFormPage';
import { DraftsPage } from './catalog/DraftsPage';
import { ImportPage } from './catalog/ImportPage';
import { ItemPage } from './catalog/ItemPage';
import { ItemsPage } from './catalog/ItemsPage';
import { PropagationPage } from './catalog/PropagationPage';
import { PublishPage } from './catalog/PublishPage';
import { VersionsPage } from './catalog/VersionsPage';

// The city's catalog authoring (统一审批目录), as the API allows each role: catalog editors author and
// publish; the coordinator reads items, drafts and versions; the auditor reads items and versions.
const READERS = ['catalog_editor', 'city_coordinator', 'auditor'] as const;

export const catalogRoutes: ConsoleRoute[] = [
  { path: 'city/catalog/items', element: <ItemsPage />, tiers: ['city'], roles: [...READERS], menu: { zh: '事项目录', en: 'Items', icon: <UnorderedListOutlined />, group: 'catalog', order: 1 } },
  { path: 'city/catalog/items/:code', element: <ItemPage />, tiers: ['city'], roles: [...READERS] },
  { path: 'city/catalog/drafts', element: <DraftsPage />, tiers: ['city'], roles: ['catalog_editor', 'city_coordinator'], menu: { zh: '事项草稿', en: 'Drafts', icon: <EditOutlined />, group: 'catalog', order: 2 } },
  { path: 'city/catalog/drafts/:code', element: <DraftFormPage />, tiers: ['city'], roles: ['catalog_editor', 'city_coordinator'] },
  { path: 'city/catalog/publish', element: <PublishPage />, tiers: ['city'], roles: ['catalog_editor'], menu: { zh: '发布版本', en: 'Publish', icon: <SendOutlined />, group: 'catalog', order: 3 } },
  { path: 'city/catalog/versions', element: <VersionsPage />, tiers: ['city'], roles: [...READERS], menu: { zh: '版本与变更', en: 'Versions', icon: <DiffOutlined />, group: 'catalog', order: 4 } },
  {
    path: 'city/catalog/propagation',
    element: <PropagationPage />,
    tiers: ['city'],
    roles: [...READERS, 'node_admin'],
    menu: { zh: '下发情况', en: 'Propagation', icon: <CloudSyncOutlined />, group: 'catalog', order: 5 },
  },
  { path: 'city/catalog/import', element: <ImportPage />, tiers: ['city'], roles: ['catalog_editor'], menu: { zh: 'Excel 导入导出', en: 'Excel import/export', icon: <FileExcelOutlined />, group: 'catalog', order: 6 } },
];
