import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { date } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { ITEM_STATUSES, optionsOf } from './codes';
import { ExportButton, LoadError, StatusTag, useLoad } from './common';
import type { ItemRow } from './types';

/** 事项目录: every published item with its newest revision, searchable; the way to its revisions, its draft, the export. */
export function ItemsPage() {
  const { t, lang } = useLang();
  const { has } = useSession();
  const navigate = useNavigate();
  const { data, loading, error } = useLoad<ItemRow[]>('/catalog/items');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const editor = has('catalog_editor');

  const rows = useMemo(() => {
    const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return (data ?? []).filter((r) => (!status || r.status === status) && words.every((w) => r.code.toLowerCase().includes(w) || r.name.toLowerCase().includes(w)));
  }, [data, q, status]);

  return (
    <Card
      title={t('统一审批目录', 'Unified catalog')}
      extra={
        <Space>
          <ExportButton />
          {editor && (
            <Button type="primary" onClick={() => navigate('/city/catalog/drafts/new')} data-testid="catalog-new-draft">
              {t('新建事项', 'New item')}
            </Button>
          )}
        </Space>
      }
    >
      <LoadError error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('实施编码或事项名称', 'Code or name')} style={{ width: 280 }} onChange={(e) => setQ(e.target.value)} data-testid="catalog-search" />
        <Select allowClear placeholder={t('事项状态', 'Status')} style={{ width: 140 }} options={optionsOf(ITEM_STATUSES.filter((s) => s.code !== 'draft'), lang)} onChange={setStatus} data-testid="catalog-status-filter" />
        <Typography.Text type="secondary">{t(`共 ${rows.length} 项`, `${rows.length} items`)}</Typography.Text>
      </Space>
      <Table<ItemRow>
        rowKey="code"
        size="middle"
        loading={loading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="catalog-items-table"
        columns={[
          { title: t('实施编码', 'Code'), dataIndex: 'code', width: 200, render: (c: string) => <Typography.Text copyable>{c}</Typography.Text> },
          { title: t('事项名称', 'Name'), dataIndex: 'name', width: 300 },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} /> },
          { title: t('修订', 'Revision'), dataIndex: 'revision', width: 70, align: 'right' },
          { title: t('版本', 'Version'), dataIndex: 'version', width: 70, align: 'right' },
          { title: t('生效日期', 'Effective'), dataIndex: 'effectiveFrom', width: 110, render: (d: string) => date(d) },
          { title: t('草稿', 'Draft'), dataIndex: 'hasDraft', width: 80, render: (d: boolean) => (d ? <Tag color="gold">{t('有草稿', 'draft')}</Tag> : null) },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 170,
            fixed: 'right',
            render: (_: unknown, r) => (
              <Space size="small">
                <Button size="small" onClick={() => navigate(`/city/catalog/items/${r.code}`)} data-testid={`catalog-item-view-${r.code}`}>
                  {t('修订与变更', 'Revisions')}
                </Button>
                {editor && (
                  <Button size="small" onClick={() => navigate(`/city/catalog/drafts/${r.code}`)} data-testid={`catalog-item-edit-${r.code}`}>
                    {r.hasDraft ? t('改草稿', 'Draft') : t('修改', 'Edit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
