import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type FieldProblem } from '../../../lib/api';
import { dateTime } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { errorText, LoadError, StatusTag, useLoad } from './common';
import type { Change, ChangeAction, DraftRow, ItemRow, PublishedVersion } from './types';

type OtherChange = { code?: string; action?: Exclude<ChangeAction, 'publish'>; toLevel?: 'county' | 'township'; reason?: string };

/** 发布版本: the drafts to publish and other changes (取消, 暂停, 恢复, 下放), effective together, now or from a date, with a note. */
export function PublishPage() {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const drafts = useLoad<DraftRow[]>('/catalog/drafts');
  const items = useLoad<ItemRow[]>('/catalog/items');
  const [selected, setSelected] = useState<string[]>([]);
  const [others, setOthers] = useState<OtherChange[]>([]);
  const [note, setNote] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);

  useEffect(() => setSelected((drafts.data ?? []).map((d) => d.code)), [drafts.data]);

  const actions: { value: Exclude<ChangeAction, 'publish'>; label: string }[] = [
    { value: 'cancel', label: t('取消', 'cancel') },
    { value: 'suspend', label: t('暂停', 'suspend') },
    { value: 'reactivate', label: t('恢复', 'reactivate') },
    { value: 'delegate', label: t('下放', 'delegate down') },
  ];
  const itemOptions = useMemo(() => (items.data ?? []).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` })), [items.data]);
  const statusOf = useMemo(() => new Map((items.data ?? []).map((i) => [i.code, i.status])), [items.data]);

  const changes: Change[] = [
    ...selected.map((code) => ({ code, action: 'publish' as const })),
    ...others.filter((o) => o.code && o.action).map((o) => ({ code: o.code!, action: o.action!, ...(o.action === 'delegate' && o.toLevel ? { toLevel: o.toLevel } : {}), ...(o.reason ? { reason: o.reason } : {}) })),
  ];

  const publish = async () => {
    setBusy(true);
    setProblems([]);
    try {
      const v = await api<PublishedVersion>('/catalog/versions', {
        body: { changes, ...(note.trim() ? { note: note.trim() } : {}), ...(effectiveFrom ? { effectiveFrom: effectiveFrom.toISOString() } : {}) },
      });
      message.success(t(`已发布第 ${v.version} 版（${v.changes.length} 项变更），正在下发到各中心`, `Version ${v.version} published (${v.changes.length} changes); it is on its way to every centre`));
      navigate('/city/catalog/propagation');
    } catch (err) {
      const e = err as { errors?: FieldProblem[] };
      if (Array.isArray(e.errors)) setProblems(e.errors);
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const setOther = (i: number, patch: Partial<OtherChange>) => setOthers((list) => list.map((o, j) => (j === i ? { ...o, ...patch } : o)));

  return (
    <Card title={t('发布目录版本', 'Publish a catalog version')}>
      <LoadError error={drafts.error ?? items.error} />
      <Typography.Paragraph type="secondary">
        {t('一个版本中的所有变更同时生效；各中心收到整个版本后才对外提供。', 'All changes of a version take effect together; a centre serves the version only once it holds all of it.')}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('要发布的草稿', 'Drafts to publish')}</Typography.Title>
      <Table<DraftRow>
        rowKey="code"
        size="small"
        loading={drafts.loading}
        dataSource={drafts.data ?? []}
        pagination={false}
        scroll={{ x: true, y: 300 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        data-testid="publish-drafts"
        columns={[
          { title: t('实施编码', 'Code'), dataIndex: 'code', width: 200 },
          { title: t('事项名称', 'Name'), dataIndex: 'name', width: 300 },
          { title: t('现状态', 'Now'), key: 'now', width: 100, render: (_: unknown, r) => (statusOf.get(r.code) ? <StatusTag status={statusOf.get(r.code)!} /> : <Typography.Text type="secondary">{t('新事项', 'new')}</Typography.Text>) },
          { title: t('保存时间', 'Saved at'), dataIndex: 'updatedAt', width: 150, render: (d: string) => dateTime(d) },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('其他变更', 'Other changes')}
      </Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="publish-other-changes">
        {others.map((o, i) => (
          <Space key={i} wrap>
            <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 420 }} placeholder={t('选择事项', 'Item')} value={o.code} options={itemOptions} onChange={(code: string) => setOther(i, { code })} />
            <Select style={{ width: 120 }} placeholder={t('变更', 'Change')} value={o.action} options={actions} onChange={(action: OtherChange['action']) => setOther(i, { action })} />
            {o.action === 'delegate' && (
              <Select
                style={{ width: 150 }}
                placeholder={t('下放到', 'Down to')}
                value={o.toLevel}
                options={[
                  { value: 'county', label: t('县（区）', 'county') },
                  { value: 'township', label: t('乡镇（街道）', 'township') },
                ]}
                onChange={(toLevel: OtherChange['toLevel']) => setOther(i, { toLevel })}
              />
            )}
            <Input style={{ width: 260 }} placeholder={t('原因（记入变更日志）', 'Reason (kept in the log)')} value={o.reason} onChange={(e) => setOther(i, { reason: e.target.value })} maxLength={500} />
            <Button icon={<DeleteOutlined />} onClick={() => setOthers((list) => list.filter((_, j) => j !== i))} aria-label={t('删除', 'Remove')} />
          </Space>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setOthers((list) => [...list, {}])} data-testid="publish-add-change">
          {t('添加取消、暂停、恢复或下放', 'Add a cancellation, suspension, reactivation or delegation')}
        </Button>
      </Space>

      <Form layout="vertical" style={{ marginTop: 20, maxWidth: 720 }}>
        <Form.Item label={t('生效时间（不填即立即生效）', 'Effective from (now if empty)')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={effectiveFrom} onChange={setEffectiveFrom} data-testid="publish-effective-from" />
        </Form.Item>
        <Form.Item label={t('版本说明', 'Note')} required>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 4 }} data-testid="publish-note" />
        </Form.Item>
      </Form>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('未发布：请处理以下问题', 'Not published: resolve these first')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="publish-problems">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.field}: {lang === 'zh' ? p.message : p.messageEn}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Space>
        <Button type="primary" loading={busy} disabled={changes.length === 0 || !note.trim()} onClick={publish} data-testid="publish-submit">
          {t(`发布（${changes.length} 项变更）`, `Publish (${changes.length} changes)`)}
        </Button>
        <Typography.Text type="secondary">{!note.trim() && t('请填写版本说明', 'Write a note for the version')}</Typography.Text>
      </Space>
    </Card>
  );
}
