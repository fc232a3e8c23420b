import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { errorText, roleLabel } from './common';
import type { AuditRecord, Paged } from './types';

const PAGE_SIZE = 20;

/** The actions the nodes write (libs/identity, libs/backbone, libs/case-service), with their words. */
const ACTIONS: Record<string, { zh: string; en: string }> = {
  'auth.sign-in': { zh: '登录', en: 'signed in' },
  'auth.sign-in-failed': { zh: '登录失败', en: 'sign-in failed' },
  'auth.locked-out': { zh: '账号锁定', en: 'locked out' },
  'auth.sign-out': { zh: '退出登录', en: 'signed out' },
  'auth.password-changed': { zh: '修改密码', en: 'password changed' },
  'auth.refresh-reused': { zh: '刷新令牌被重复使用', en: 'refresh token reused' },
  'staff.created': { zh: '新建人员', en: 'staff created' },
  'staff.updated': { zh: '修改人员', en: 'staff updated' },
  'staff.password-reset': { zh: '重置密码', en: 'password reset' },
  'staff.unlocked': { zh: '解锁账号', en: 'staff unlocked' },
  'dead-letter.replayed': { zh: '重放死信', en: 'dead letter replayed' },
  'dead-letter.replayed-all': { zh: '全部重放死信', en: 'every dead letter replayed' },
  'dead-letter.discarded': { zh: '丢弃死信', en: 'dead letter discarded' },
  'calendar.amended': { zh: '调整工作日历', en: 'calendar amended' },
};

function actionLabel(a: string, lang: 'zh' | 'en'): string {
  const l = ACTIONS[a];
  return l ? (lang === 'zh' ? l.zh : l.en) : a;
}

interface Filters {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  outcome?: 'success' | 'failure';
  subjectType?: string;
  subject?: string;
}

/** An instant picked in Beijing time, as ISO 8601 with its offset (the API takes any ISO date-time). */
function beijingIso(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

/**
 * 审计日志: the node's append-only log (who did what, when, from where), filtered as the API allows and
 * paged; an entry opens in a drawer. Resident IDs come masked from the node.
 */
export function AuditLogPage() {
  const { lang, t } = useLang();
  const { node } = useSession();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Paged<AuditRecord>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<AuditRecord | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    const [from, to] = filters.range ?? [null, null];
    try {
      setData(
        await api<Paged<AuditRecord>>('/audit', {
          query: {
            actor: filters.actor?.trim(),
            action: filters.action?.trim(),
            outcome: filters.outcome,
            subjectType: filters.subjectType?.trim(),
            subject: filters.subject?.trim(),
            from: from ? beijingIso(from) : undefined,
            to: to ? beijingIso(to) : undefined,
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
          },
        }),
      );
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setLoading(false);
    }
  }, [filters, page, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card title={t(`审计日志 · ${node?.name ?? ''}`, `Audit log · ${node?.name ?? ''}`)}>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
        style={{ rowGap: 8, marginBottom: 16 }}
        data-testid="audit-filters"
      >
        <Form.Item name="range" label={t('时间', 'Time')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} data-testid="audit-range" />
        </Form.Item>
        <Form.Item name="actor" label={t('操作人', 'Actor')}>
          <Input placeholder={t('账号或人员 ID', 'Login or staff id')} allowClear style={{ width: 170 }} data-testid="audit-actor" />
        </Form.Item>
        <Form.Item name="action" label={t('操作', 'Action')}>
          <AutoComplete
            allowClear
            style={{ width: 200 }}
            placeholder="auth.sign-in"
            options={Object.keys(ACTIONS).map((a) => ({ value: a, label: `${a}（${actionLabel(a, lang)}）` }))}
            showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) || String(o?.label ?? '').includes(input) }}
            data-testid="audit-action"
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('结果', 'Outcome')}>
          <Select
            allowClear
            style={{ width: 110 }}
            options={[
              { value: 'success', label: t('成功', 'success') },
              { value: 'failure', label: t('失败', 'failure') },
            ]}
            data-testid="audit-outcome"
          />
        </Form.Item>
        <Form.Item name="subjectType" label={t('对象类型', 'Subject type')}>
          <Input allowClear placeholder="staff / session" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="subject" label={t('对象', 'Subject')}>
          <Input allowClear style={{ width: 200 }} data-testid="audit-subject" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('查询', 'Search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              {t('重置', 'Reset')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} />
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} data-testid="audit-error" />}
      <Table<AuditRecord>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: true }}
        data-testid="audit-table"
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, showTotal: (n) => t(`共 ${n} 条`, `${n} entries`), onChange: setPage }}
        columns={[
          { title: t('时间', 'Time'), dataIndex: 'at', width: 140, render: (v: string) => <span className="tb-nowrap">{dateTime(v)}</span> },
          { title: t('操作人', 'Actor'), dataIndex: 'actorLogin', width: 140, render: (v: string | null, r) => v ?? (r.actorId ? r.actorId.slice(0, 8) : t('（无）', '(none)')) },
          { title: t('岗位', 'Role'), dataIndex: 'actorRole', width: 110, render: (v: string | null) => roleLabel(v, lang) },
          {
            title: t('操作', 'Action'),
            dataIndex: 'action',
            width: 200,
            render: (v: string) => (
              <span>
                {actionLabel(v, lang)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text>
              </span>
            ),
          },
          { title: t('结果', 'Outcome'), dataIndex: 'outcome', width: 80, render: (v: AuditRecord['outcome']) => <Tag color={v === 'success' ? 'green' : 'red'}>{v === 'success' ? t('成功', 'success') : t('失败', 'failure')}</Tag> },
          { title: t('对象', 'Subject'), dataIndex: 'subjectId', width: 260, render: (v: string | null, r) => (v ? <span>{r.subjectType && <Tag>{r.subjectType}</Tag>}<span className="tb-case-no" style={{ fontSize: 12 }}>{v}</span></span> : '—') },
          { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={600} title={t('审计记录', 'Audit entry')} data-testid="audit-drawer">
        {open && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('序号', 'Sequence')}>{open.seq}</Descriptions.Item>
              <Descriptions.Item label={t('时间', 'Time')}>{dateTime(open.at)}</Descriptions.Item>
              <Descriptions.Item label={t('节点', 'Node')}>{open.node}</Descriptions.Item>
              <Descriptions.Item label={t('操作人', 'Actor')}>
                {open.actorLogin ?? '—'} <Typography.Text type="secondary">{open.actorId ?? ''}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('岗位', 'Role')}>{roleLabel(open.actorRole, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('操作', 'Action')}>
                {actionLabel(open.action, lang)} <Typography.Text code>{open.action}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('结果', 'Outcome')}>
                <Tag color={open.outcome === 'success' ? 'green' : 'red'}>{open.outcome === 'success' ? t('成功', 'success') : t('失败', 'failure')}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('对象', 'Subject')}>
                {open.subjectType ?? '—'} <Typography.Text style={{ fontFamily: 'monospace' }}>{open.subjectId ?? ''}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="IP">{open.ip ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('记录 ID', 'Entry id')}>
                <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{open.id}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('详情', 'Detail')}</Typography.Title>
            <pre style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 12, borderRadius: 4, maxHeight: 360, overflow: 'auto', fontSize: 12 }} data-testid="audit-detail">
              {JSON.stringify(open.detail ?? {}, null, 2)}
            </pre>
          </Space>
        )}
      </Drawer>
    </Card>
  );
}
