import { Alert, Button, Drawer, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { statusLabel } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { errorText, LightDot } from './common';
import type { MonitorLight, MonitorPage, MonitorRow } from './types';

const PAGE = 50;

/** One holder node's live cases (GET /monitor/nodes/:code/cases), by due date, of one light or all; a case opens its view. */
export function NodeCasesDrawer({ node, onClose, width = 760 }: { node: { code: string; name: string } | null; onClose: () => void; width?: number | string }) {
  const { lang, t } = useLang();
  const navigate = useNavigate();
  const [light, setLight] = useState<MonitorLight | 'all'>('all');
  const [rows, setRows] = useState<MonitorRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      if (!node) return;
      setLoading(true);
      setError(null);
      try {
        const page = await api<MonitorPage>(`/monitor/nodes/${node.code}/cases`, { query: { light: light === 'all' ? undefined : light, after, limit: PAGE } });
        setRows((r) => (after ? [...r, ...page.items] : page.items));
        setNext(page.next);
      } catch (e) {
        setError(errorText(e, lang));
      } finally {
        setLoading(false);
      }
    },
    [node, light, lang],
  );

  useEffect(() => {
    setRows([]);
    setNext(null);
    void load(null);
  }, [load]);

  useEffect(() => setLight('all'), [node?.code]);

  return (
    <Drawer
      open={node !== null}
      onClose={onClose}
      size={width}
      title={node ? t(`${node.name}：在办件`, `${node.name}: live cases`) : ''}
      extra={<Typography.Text type="secondary">{node?.code}</Typography.Text>}
      data-testid="node-cases-drawer"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Segmented
          value={light}
          onChange={(v) => setLight(v as MonitorLight | 'all')}
          options={[
            { value: 'all', label: t('全部', 'All') },
            { value: 'red', label: <LightDot light="red" lang={lang} /> },
            { value: 'yellow', label: <LightDot light="yellow" lang={lang} /> },
            { value: 'green', label: <LightDot light="green" lang={lang} /> },
          ]}
          data-testid="node-cases-light"
        />
        {error && <Alert type="error" showIcon title={error} />}
        <Table<MonitorRow>
          size="small"
          rowKey="caseNumber"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          data-testid="node-cases-table"
          onRow={(r) => ({ onClick: () => navigate(`/city/cases/${r.caseNumber}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('办件编号', 'Case number'), dataIndex: 'caseNumber', width: 250, render: (v: string) => <Typography.Link className="tb-case-no">{v}</Typography.Link> },
            { title: t('事项', 'Matter'), dataIndex: 'itemName', width: 200, ellipsis: true },
            { title: t('状态', 'Status'), dataIndex: 'status', width: 120, render: (v: string, r) => <>{statusLabel(v, lang)}{r.paused && <Tag style={{ marginLeft: 4 }}>{t('暂停', 'paused')}</Tag>}</> },
            { title: t('灯', 'Light'), dataIndex: 'light', width: 90, render: (v: MonitorLight | null) => <LightDot light={v} lang={lang} /> },
            { title: t('办结期限', 'Due'), dataIndex: 'dueOn', width: 110, render: (v: string | null) => <span className="tb-nowrap">{v ?? '—'}</span> },
            { title: t('超期', 'Overdue'), dataIndex: 'overdueDays', width: 90, render: (v: number) => (v > 0 ? <Tag color="red">{t(`${v} 个工作日`, `${v} days`)}</Tag> : '—') },
            { title: t('督办', 'Orders'), dataIndex: 'supervisionRound', width: 100, render: (v: number, r) => <>{v > 0 && <Tag color="orange">{t(`第 ${v} 轮`, `round ${v}`)}</Tag>}{r.flagged && <Tag color="red">{t('监察建议', 'flagged')}</Tag>}</> },
          ]}
        />
        {next && (
          <Button block loading={loading} onClick={() => void load(next)} data-testid="node-cases-more">
            {t('加载更多', 'Load more')}
          </Button>
        )}
      </Space>
    </Drawer>
  );
}
