import { EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined, StopOutlined, UnlockOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api';
import { dateTime, maskId } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { type Role, useSession } from '../../lib/session';
import { ResetPassword } from './ResetPassword';
import { ROLE_INFO, roleLabel, rolesOnTier } from './roles';
import { StaffForm } from './StaffForm';
import type { Page, Staff } from './types';

const PAGE_SIZE = 20;

/** 工作人员: the node's staff accounts, for its administrators. */
export function StaffPage() {
  const { t, lang } = useLang();
  const { me, node } = useSession();
  const { message } = App.useApp();
  const tier = node?.tier ?? me!.tier;
  const [filter, setFilter] = useState<{ q?: string; role?: Role; status?: 'active' | 'disabled' }>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Staff>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<{ editing: Staff | null } | null>(null);
  const [resetting, setResetting] = useState<Staff | null>(null);
  const [shown, setShown] = useState<{ staff: Staff; password: string; created: boolean } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api<Page<Staff>>('/staff', { query: { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }));
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.text(lang) : t('无法连接本节点，请稍后重试', 'The node cannot be reached; try again'));
    } finally {
      setLoading(false);
    }
  }, [filter, page, lang, t]);

  useEffect(() => {
    void load();
  }, [load]);

  /** A row action: the node's answer replaces the row; an error is shown as the node words it. */
  const act = async (work: () => Promise<Staff>, done: string) => {
    try {
      const s = await work();
      setData((d) => ({ ...d, items: d.items.map((x) => (x.id === s.id ? s : x)) }));
      message.success(done);
    } catch (e) {
      message.error(e instanceof ApiError ? e.text(lang) : String(e));
    }
  };

  const columns: ColumnsType<Staff> = [
    {
      title: t('姓名 / 登录名', 'Name / login'),
      dataIndex: 'login',
      width: 180,
      fixed: 'left',
      render: (login: string, s) => (
        <div>
          <div>{s.name}</div>
          <Typography.Text type="secondary" strong={s.id === me?.id} style={{ fontSize: 12 }}>
            {login}
            {s.id === me?.id && t('（本人）', ' (you)')}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('身份证号', 'Resident ID'), dataIndex: 'idNumber', width: 150, render: (v: string | null) => <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{maskId(v)}</span> },
    {
      title: t('岗位', 'Roles'),
      dataIndex: 'roles',
      width: 150,
      render: (roles: Role[]) => (
        <Space size={[0, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r} color={ROLE_INFO[r]?.color}>
              {roleLabel(r, lang)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('B 岗（代岗同事）', 'Backup (A/B post)'),
      dataIndex: 'backups',
      width: 190,
      render: (backups: Staff['backups'], s) =>
        s.roles.map((r) => {
          const b = backups.find((x) => x.role === r);
          const line = b ? (
            <span>
              {b.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.login}</Typography.Text>
            </span>
          ) : (
            <Typography.Text type="secondary">{t('未指定', 'none')}</Typography.Text>
          );
          // With several roles, each line is marked with its role's colour (the tags beside) and named on hover.
          return s.roles.length > 1 ? (
            <Tooltip key={r} title={roleLabel(r, lang)}>
              <div>
                <Badge color={ROLE_INFO[r]?.color} /> {line}
              </div>
            </Tooltip>
          ) : (
            <div key={r}>{line}</div>
          );
        }),
    },
    {
      title: t('状态 / 最近登录', 'Status / last sign-in'),
      key: 'status',
      width: 140,
      render: (_, s) => (
        <div>
          <Space size={[0, 4]} wrap>
            {s.status === 'disabled' ? (
              <Tag data-testid="staff-status">{t('已停用', 'disabled')}</Tag>
            ) : s.locked ? (
              <Tooltip title={t(`登录失败次数过多，锁定至 ${dateTime(s.lockedUntil)}`, `Locked after failed sign-ins until ${dateTime(s.lockedUntil)}`)}>
                <Tag color="orange" data-testid="staff-status">
                  {t('已锁定', 'locked')}
                </Tag>
              </Tooltip>
            ) : (
              <Tag color="green" data-testid="staff-status">
                {t('在岗', 'active')}
              </Tag>
            )}
            {s.mustChangePassword && (
              <Tooltip title={t('管理员设置的密码，此人登录后须先修改', 'A password an administrator set: to be changed at the next sign-in')}>
                <Tag color="blue" data-testid="staff-must-change">
                  {t('须改密码', 'must change password')}
                </Tag>
              </Tooltip>
            )}
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.lastSignInAt ? dateTime(s.lastSignInAt) : t('从未登录', 'never signed in')}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: lang === 'zh' ? 250 : 310,
      fixed: 'right',
      render: (_, s) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setForm({ editing: s })} data-testid="staff-edit">
            {t('编辑', 'Edit')}
          </Button>
          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(s)} data-testid="staff-reset-password">
            {t('重置密码', 'Reset password')}
          </Button>
          {s.locked && (
            <Popconfirm
              title={t(`解锁 ${s.name} 的账号？`, `Unlock ${s.name}'s account?`)}
              okText={t('解锁', 'Unlock')}
              cancelText={t('取消', 'Cancel')}
              onConfirm={() => act(() => api<Staff>(`/staff/${s.id}/unlock`, { method: 'POST' }), t(`已解锁 ${s.login}`, `Unlocked ${s.login}`))}
            >
              <Button type="link" size="small" icon={<UnlockOutlined />} data-testid="staff-unlock">
                {t('解锁', 'Unlock')}
              </Button>
            </Popconfirm>
          )}
          {s.status === 'active' ? (
            <Popconfirm
              title={t(`停用 ${s.name} 的账号？`, `Disable ${s.name}'s account?`)}
              description={t('停用后不能登录，当前登录立即失效。', 'They can no longer sign in; their sessions end now.')}
              okText={t('停用', 'Disable')}
              okButtonProps={{ danger: true }}
              cancelText={t('取消', 'Cancel')}
              disabled={s.id === me?.id}
              onConfirm={() => act(() => api<Staff>(`/staff/${s.id}`, { method: 'PATCH', body: { status: 'disabled' } }), t(`已停用 ${s.login}`, `Disabled ${s.login}`))}
            >
              <Tooltip title={s.id === me?.id ? t('不能停用自己的账号', 'You cannot disable your own account') : undefined}>
                <Button type="link" size="small" danger icon={<StopOutlined />} disabled={s.id === me?.id} data-testid="staff-disable">
                  {t('停用', 'Disable')}
                </Button>
              </Tooltip>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t(`重新启用 ${s.name} 的账号？`, `Enable ${s.name}'s account again?`)}
              okText={t('启用', 'Enable')}
              cancelText={t('取消', 'Cancel')}
              onConfirm={() => act(() => api<Staff>(`/staff/${s.id}`, { method: 'PATCH', body: { status: 'active' } }), t(`已启用 ${s.login}`, `Enabled ${s.login}`))}
            >
              <Button type="link" size="small" icon={<CheckCircleOutlined />} data-testid="staff-enable">
                {t('启用', 'Enable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('工作人员账号', 'Staff accounts')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} data-testid="staff-reload">
            {t('刷新', 'Refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ editing: null })} data-testid="staff-create">
            {t('新建工作人员', 'New staff member')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('登录名或姓名', 'Login or name')}
          style={{ width: 220 }}
          onSearch={(q) => {
            setPage(1);
            setFilter((f) => ({ ...f, q: q.trim() || undefined }));
          }}
          data-testid="staff-search"
        />
        <Select
          allowClear
          placeholder={t('全部岗位', 'All roles')}
          style={{ width: 200 }}
          options={rolesOnTier(tier).map((r) => ({ value: r, label: roleLabel(r, lang) }))}
          onChange={(role: Role | undefined) => {
            setPage(1);
            setFilter((f) => ({ ...f, role }));
          }}
          data-testid="staff-filter-role"
        />
        <Select
          allowClear
          placeholder={t('全部状态', 'Any status')}
          style={{ width: 140 }}
          options={[
            { value: 'active', label: t('在岗', 'active') },
            { value: 'disabled', label: t('已停用', 'disabled') },
          ]}
          onChange={(status: 'active' | 'disabled' | undefined) => {
            setPage(1);
            setFilter((f) => ({ ...f, status }));
          }}
          data-testid="staff-filter-status"
        />
      </Space>
      {loadError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={loadError} />}
      <Table<Staff>
        data-testid="staff-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        scroll={{ x: lang === 'zh' ? 1060 : 1120 }}
        onRow={(s) => ({ 'data-testid': `staff-row-${s.login}` }) as HTMLAttributes<HTMLElement>}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t(`共 ${n} 人`, `${n} in all`) }}
      />
      {form && (
        <StaffForm
          editing={form.editing}
          onClose={() => setForm(null)}
          onSaved={(s, password) => {
            setForm(null);
            if (password) setShown({ staff: s, password, created: true });
            void load();
          }}
        />
      )}
      {resetting && (
        <ResetPassword
          staff={resetting}
          onClose={() => setResetting(null)}
          onDone={(s, password) => {
            setResetting(null);
            setShown({ staff: s, password, created: false });
            setData((d) => ({ ...d, items: d.items.map((x) => (x.id === s.id ? s : x)) }));
          }}
        />
      )}
      <Modal
        open={!!shown}
        title={shown?.created ? t('账号已创建', 'Account created') : t('密码已重置', 'Password reset')}
        onOk={() => setShown(null)}
        onCancel={() => setShown(null)}
        okText={t('我已记下', 'I have noted it')}
        cancelButtonProps={{ style: { display: 'none' } }}
        mask={{ closable: false }}
        destroyOnHidden
      >
        {shown && (
          <div data-testid="password-shown">
            <Typography.Paragraph>
              {t(`${shown.staff.name}（登录名 ${shown.staff.login}）的临时密码：`, `The temporary password of ${shown.staff.name} (login ${shown.staff.login}):`)}
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: shown.password }} style={{ fontSize: 20, fontFamily: 'monospace' }} data-testid="password-shown-value">
              {shown.password}
            </Typography.Paragraph>
            <Alert
              type="warning"
              showIcon
              title={t('密码只显示这一次。请当面或通过安全渠道告知本人；此人首次登录时须修改密码。', 'The password is shown only this once. Hand it over in person or by a safe channel; they must change it at their first sign-in.')}
            />
          </div>
        )}
      </Modal>
    </Card>
  );
}
