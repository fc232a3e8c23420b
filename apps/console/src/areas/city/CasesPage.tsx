import { DesktopOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { statusLabel } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { CaseSearch } from './CityCasePage';
import { errorText, LightDot } from './common';
import { NodeCasesDrawer } from './NodeCasesDrawer';
import type { GridNode, MonitorGrid, MonitorPage, MonitorRow } from './types';

const PAGE = 50;

/**
 * 办件监察: find a case by number, the network's overdue cases (oldest due date first), and every
 * centre's live cases by light, each opening its list.
 */
export function CasesPage() {
  const { lang, t } = useLang();
  const navigate = useNavigate();
  const [grid, setGrid] = useState<MonitorGrid | null>(null);
  const [overdue, setOverdue] = useState<MonitorRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<GridNode | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const [page, g] = await Promise.all([api<MonitorPage>('/monitor/overdue', { query: { after, limit: PAGE } }), after ? Promise.resolve(null) : api<MonitorGrid>('/monitor/grid')]);
        setOverdue((rows) => (after ? [...rows, ...page.items] : page.items));
        setNext(page.next);
        if (g) setGrid(g);
      } catch (e) {
        setError(errorText(e, lang));
      } finally {
        setLoading(false);
      }
    },
    [lang],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const nameOf = (code: string) => grid?.nodes.find((n) => n.code === code)?.name ?? code;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <CaseSearch width={380} />
          <Button icon={<ReloadOutlined />} onClick={() => void load(null)} loading={loading} data-testid="cases-reload">
            {t('刷新', 'Refresh')}
          </Button>
          <Button icon={<DesktopOutlined />} onClick={() => navigate('/city/screen')}>
            {t('打开电子监察屏', 'Open the wall screen')}
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={15}>
          <Card size="small" title={t('超期办件（红灯）', 'Overdue cases (red)')}>
            <Table<MonitorRow>
              size="small"
              rowKey="caseNumber"
              pagination={false}
              dataSource={overdue}
              loading={loading}
              scroll={{ x: true }}
              data-testid="cases-overdue"
              locale={{ emptyText: t('当前没有超期办件', 'No case is overdue') }}
              onRow={(r) => ({ onClick: () => navigate(`/city/cases/${r.caseNumber}`), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('办件编号', 'Case number'), dataIndex: 'caseNumber', width: 250, render: (v: string) => <Typography.Link className="tb-case-no">{v}</Typography.Link> },
                { title: t('事项', 'Matter'), dataIndex: 'itemName', width: 180, ellipsis: true },
                { title: t('承办中心', 'Held by'), dataIndex: 'holder', width: 170, render: (v: string) => nameOf(v) },
                { title: t('状态', 'Status'), dataIndex: 'status', width: 110, render: (v: string) => statusLabel(v, lang) },
                { title: t('期限', 'Due'), dataIndex: 'dueOn', width: 105, render: (v: string | null) => <span className="tb-nowrap">{v ?? '—'}</span> },
                { title: t('超期', 'Overdue'), dataIndex: 'overdueDays', width: 100, render: (v: number) => <Tag color="red">{t(`${v} 个工作日`, `${v} days`)}</Tag> },
                { title: t('督办', 'Orders'), dataIndex: 'supervisionRound', width: 110, render: (v: number, r) => <>{v > 0 && <Tag color="orange">{t(`第 ${v} 轮`, `round ${v}`)}</Tag>}{r.flagged && <Tag color="red">{t('监察建议', 'flagged')}</Tag>}</> },
              ]}
            />
            {next && (
              <Button block style={{ marginTop: 8 }} loading={loading} onClick={() => void load(next)} data-testid="cases-overdue-more">
                {t('加载更多', 'Load more')}
              </Button>
            )}
          </Card>
        </Col>
        <Col xs={24} xxl={9}>
          <Card size="small" title={t('各中心在办件', 'Live cases by centre')}>
            <Table<GridNode>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={grid?.nodes ?? []}
              loading={loading && !grid}
              scroll={{ x: true }}
              data-testid="cases-by-node"
              onRow={(r) => ({ onClick: () => setOpened(r), style: { cursor: 'pointer' } })}
              columns={[
                {
                  title: t('中心', 'Centre'),
                  dataIndex: 'name',
                  render: (v: string, r) => <span style={{ paddingLeft: r.tier === 'township' ? 16 : 0, fontWeight: r.tier === 'township' ? 400 : 600 }}>{v}</span>,
                },
                { title: t('在办', 'Live'), dataIndex: 'live', width: 60, align: 'right' },
                { title: <LightDot light="red" lang={lang} bare />, dataIndex: 'red', width: 50, align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v) },
                { title: <LightDot light="yellow" lang={lang} bare />, dataIndex: 'yellow', width: 50, align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="warning" strong>{v}</Typography.Text> : v) },
                { title: <LightDot light="green" lang={lang} bare />, dataIndex: 'green', width: 50, align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <NodeCasesDrawer node={opened} onClose={() => setOpened(null)} />
    </Space>
  );
}
