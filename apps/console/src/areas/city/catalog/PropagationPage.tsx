import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useEffect } from 'react';
import { dateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { LoadError, useLoad } from './common';
import type { NodePropagation, Propagation } from './types';

const TIER: Record<string, [string, string]> = { city: ['市级', 'city'], county: ['县级', 'county'], township: ['乡镇', 'township'] };
/** A node that has not reported for this long while behind is shown as silent. */
const SILENT_MS = 10 * 60 * 1000;

/** 下发情况: per centre, the catalog version it applied and how far behind it is; the lagging ones stand out. */
export function PropagationPage() {
  const { t, lang } = useLang();
  const { data, loading, error, reload } = useLoad<Propagation>('/catalog/propagation');
  useEffect(() => {
    const timer = setInterval(() => void reload(), 15000);
    return () => clearInterval(timer);
  }, [reload]);
  const nodes = data?.nodes ?? [];
  const lagging = nodes.filter((n) => n.behind > 0).length;

  return (
    <Card
      title={t('目录下发情况', 'Catalog propagation')}
      extra={
        <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void reload()} data-testid="propagation-reload">
          {t('刷新', 'Refresh')}
        </Button>
      }
    >
      <LoadError error={error} />
      <Space size={48} style={{ marginBottom: 16 }} wrap>
        <Statistic title={t('当前版本', 'Current version')} value={data?.currentVersion ?? '—'} />
        <Statistic title={t('已同步中心', 'Centres up to date')} value={data ? `${data.upToDate} / ${nodes.length}` : '—'} />
        <Statistic title={t('落后中心', 'Centres behind')} value={data ? lagging : '—'} styles={{ content: { color: lagging > 0 ? '#cf1322' : '#3f8600' } }} />
        {data && nodes.length > 0 && <Progress type="circle" size={64} percent={Math.round((data.upToDate / nodes.length) * 100)} status={lagging > 0 ? 'exception' : 'success'} />}
      </Space>
      <Table<NodePropagation>
        rowKey="node"
        size="middle"
        loading={loading && !data}
        dataSource={nodes}
        pagination={false}
        scroll={{ x: true }}
        onRow={(n) => ({ style: n.behind > 0 ? { background: '#fff1f0' } : undefined, 'data-testid': `propagation-node-${n.node}` } as HTMLAttributes<HTMLElement>)}
        data-testid="propagation-table"
        columns={[
          { title: t('中心', 'Centre'), dataIndex: 'name', width: 200 },
          { title: t('代码', 'Code'), dataIndex: 'node', width: 130 },
          { title: t('层级', 'Tier'), dataIndex: 'tier', width: 70, render: (tier: string) => TIER[tier]?.[lang === 'zh' ? 0 : 1] ?? tier },
          { title: t('已应用版本', 'Applied version'), dataIndex: 'appliedVersion', width: 110, align: 'right' },
          {
            title: t('状态', 'State'),
            key: 'state',
            width: 150,
            render: (_: unknown, n) => {
              if (n.behind <= 0) return <Tag color="green">{t('已同步', 'up to date')}</Tag>;
              const silent = !n.reportedAt || Date.now() - Date.parse(n.reportedAt) > SILENT_MS;
              return (
                <Space size={4}>
                  <Tag color="red">{t(`落后 ${n.behind} 个版本`, `${n.behind} behind`)}</Tag>
                  {silent && <Tag color="default">{n.reportedAt ? t('久未报告', 'silent') : t('从未报告', 'never reported')}</Tag>}
                </Space>
              );
            },
          },
          { title: t('在用事项', 'Live items'), dataIndex: 'liveItems', width: 90, align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('县级目录版本', 'County version'), dataIndex: 'countyVersion', width: 110, align: 'right', render: (v: number | null | undefined) => v ?? '—' },
          { title: t('应用时间', 'Applied at'), dataIndex: 'appliedAt', width: 150, render: (d: string | null | undefined) => dateTime(d) },
          { title: t('最近报告', 'Last report'), dataIndex: 'reportedAt', width: 150, render: (d: string | null) => dateTime(d) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('每个中心应用完整个版本后向市级报告；每 15 秒自动刷新。', 'Each centre reports once it has applied a whole version; refreshed every 15 seconds.')}
      </Typography.Paragraph>
    </Card>
  );
}
