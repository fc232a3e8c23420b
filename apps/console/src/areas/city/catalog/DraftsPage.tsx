import { App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { dateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { errorText, LoadError, useLoad } from './common';
import type { DraftRow } from './types';

/** 草稿: items saved but not yet published; open one to edit it, discard it, or go on to publish. */
export function DraftsPage() {
  const { t, lang } = useLang();
  const { has } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data, loading, error, reload } = useLoad<DraftRow[]>('/catalog/drafts');
  const [discarding, setDiscarding] = useState<string | null>(null);
  const editor = has('catalog_editor');

  const discard = async (code: string) => {
    setDiscarding(code);
    try {
      await api(`/catalog/drafts/${encodeURIComponent(code)}`, { method: 'DELETE' });
      message.success(t(`已删除草稿 ${code}`, `Draft ${code} discarded`));
      await reload();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setDiscarding(null);
    }
  };

  return (
    <Card
      title={t('事项草稿', 'Drafts')}
      extra={
        editor && (
          <Space>
            <Button onClick={() => navigate('/city/catalog/import')} data-testid="drafts-import">
              {t('从 Excel 导入', 'Import from Excel')}
            </Button>
            <Button onClick={() => navigate('/city/catalog/drafts/new')} data-testid="drafts-new">
              {t('新建事项', 'New item')}
            </Button>
            <Button type="primary" disabled={!data?.length} onClick={() => navigate('/city/catalog/publish')} data-testid="drafts-publish">
              {t('发布版本', 'Publish a version')}
            </Button>
          </Space>
        )
      }
    >
      <LoadError error={error} />
      <Typography.Paragraph type="secondary">
        {t('草稿不影响已发布的目录；发布版本后才下发到各中心。', 'Drafts do not touch the published catalog; a published version reaches every centre.')}
      </Typography.Paragraph>
      <Table<DraftRow>
        rowKey="code"
        size="middle"
        loading={loading}
        dataSource={data ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="drafts-table"
        columns={[
          { title: t('实施编码', 'Code'), dataIndex: 'code', width: 200 },
          { title: t('事项名称', 'Name'), dataIndex: 'name', width: 320 },
          { title: t('保存人', 'Saved by'), dataIndex: 'updatedBy', width: 160, ellipsis: true },
          { title: t('保存时间', 'Saved at'), dataIndex: 'updatedAt', width: 150, render: (d: string) => dateTime(d) },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 150,
            fixed: 'right',
            render: (_: unknown, r) => (
              <Space size="small">
                <Button size="small" onClick={() => navigate(`/city/catalog/drafts/${r.code}`)} data-testid={`draft-open-${r.code}`}>
                  {editor ? t('编辑', 'Edit') : t('查看', 'View')}
                </Button>
                {editor && (
                  <Popconfirm title={t('删除这份草稿？已发布的事项不受影响。', 'Discard this draft? The published item is not affected.')} onConfirm={() => discard(r.code)} okText={t('删除', 'Discard')} cancelText={t('取消', 'Cancel')}>
                    <Button size="small" danger loading={discarding === r.code} data-testid={`draft-discard-${r.code}`}>
                      {t('删除', 'Discard')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
