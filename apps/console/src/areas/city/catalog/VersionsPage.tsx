import { Button, Card, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { dateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { LoadError, useLoad } from './common';
import type { Change, Version } from './types';

const ACTION_COLOR: Record<string, string> = { publish: 'green', cancel: 'red', suspend: 'orange', reactivate: 'cyan', delegate: 'blue' };

/** 版本记录: every published version, its note and changes; each change opens the item's diff. */
export function VersionsPage() {
  const { t } = useLang();
  const navigate = useNavigate();
  const { data, loading, error } = useLoad<Version[]>('/catalog/versions');
  const actionLabel: Record<string, string> = { publish: t('发布', 'publish'), cancel: t('取消', 'cancel'), suspend: t('暂停', 'suspend'), reactivate: t('恢复', 'reactivate'), delegate: t('下放', 'delegate') };

  return (
    <Card title={t('目录版本', 'Catalog versions')}>
      <LoadError error={error} />
      <Table<Version>
        rowKey="version"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="versions-table"
        expandable={{
          rowExpandable: (v) => v.changes.length > 0,
          expandedRowRender: (v) => (
            <Table<Change>
              rowKey="code"
              size="small"
              pagination={v.changes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              dataSource={v.changes}
              data-testid={`version-changes-${v.version}`}
              columns={[
                { title: t('实施编码', 'Code'), dataIndex: 'code', width: 200 },
                { title: t('变更', 'Change'), dataIndex: 'action', width: 90, render: (a: string, c) => <Tag color={ACTION_COLOR[a]}>{actionLabel[a] ?? a}{c.toLevel ? ` → ${c.toLevel}` : ''}</Tag> },
                { title: t('原因', 'Reason'), dataIndex: 'reason', width: 260 },
                {
                  title: t('对比', 'Diff'),
                  key: 'diff',
                  width: 100,
                  render: (_: unknown, c) => (
                    <Button size="small" onClick={() => navigate(`/city/catalog/items/${c.code}`)}>
                      {t('查看变更', 'Changes')}
                    </Button>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('版本', 'Version'), dataIndex: 'version', width: 70 },
          { title: t('生效时间', 'Effective from'), dataIndex: 'effectiveFrom', width: 150, render: (d: string) => dateTime(d) },
          { title: t('发布时间', 'Published at'), dataIndex: 'publishedAt', width: 150, render: (d: string) => dateTime(d) },
          { title: t('发布人', 'By'), dataIndex: 'publishedBy', width: 160, ellipsis: true },
          { title: t('变更数', 'Changes'), key: 'count', width: 80, align: 'right', render: (_: unknown, v) => v.changes.length },
          { title: t('版本说明', 'Note'), dataIndex: 'note', width: 300, render: (n: string | null) => n ?? <Typography.Text type="secondary">—</Typography.Text> },
        ]}
      />
    </Card>
  );
}
