import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../lib/api';
import { residentIdProblem } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { type Role, useSession } from '../../lib/session';
import { generatePassword, passwordProblem } from './password';
import { backupIndex, showProblems } from './problems';
import { roleLabel, rolesOnTier } from './roles';
import type { Page, Staff } from './types';

interface Values {
  login: string;
  name: string;
  idNumber?: string;
  roles: Role[];
  backup?: Partial<Record<Role, string>>;
  password?: string;
}

const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{2,39}$/;

/**
 * Creating a staff account (login, name, roles of this tier, a B post per role, an initial password
 * the person must change) or editing one (name, roles, B posts, identity number). Mounted while open.
 */
export function StaffForm({ editing, onClose, onSaved }: { editing: Staff | null; onClose: () => void; onSaved: (s: Staff, password?: string) => void }) {
  const { t, lang } = useLang();
  const { me, node } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [colleagues, setColleagues] = useState<Staff[]>([]);
  const tier = node?.tier ?? me!.tier;
  const offered = rolesOnTier(tier);
  const roles = Form.useWatch('roles', form) ?? [];
  const login = Form.useWatch('login', form);
  const self = editing?.id === me?.id;

  useEffect(() => {
    let live = true;
    api<Page<Staff>>('/staff', { query: { status: 'active', limit: 500 } })
      .then((p) => live && setColleagues(p.items))
      .catch(() => live && setColleagues([]));
    return () => {
      live = false;
    };
  }, []);

  const initial = useMemo<Partial<Values>>(
    () =>
      editing
        ? { login: editing.login, name: editing.name, roles: editing.roles, backup: Object.fromEntries(editing.backups.map((b) => [b.role, b.staffId])) }
        : { roles: [], password: generatePassword() },
    [editing],
  );

  const candidates = (role: Role) => {
    const options = colleagues.filter((c) => c.id !== editing?.id && c.roles.includes(role)).map((c) => ({ value: c.id, label: `${c.name}（${c.login}）` }));
    // A backup set earlier who no longer qualifies (disabled, role taken away) is still shown by name; the node refuses to keep them.
    const current = editing?.backups.find((b) => b.role === role);
    if (current && !options.some((o) => o.value === current.staffId)) options.push({ value: current.staffId, label: `${current.name}（${current.login}）` });
    return options;
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const backups = (v.roles ?? []).filter((r) => v.backup?.[r]).map((r) => ({ role: r, staffId: v.backup![r]! }));
    const place = (field: string) => {
      const i = backupIndex(field);
      if (i !== null) return backups[i] ? ['backup', backups[i].role] : null;
      return ['login', 'name', 'idNumber', 'roles', 'password'].includes(field) ? field : null;
    };
    try {
      if (editing) {
        const body: Record<string, unknown> = { name: v.name.trim(), roles: v.roles, backups };
        if (v.idNumber?.trim()) body.idNumber = v.idNumber.trim().toUpperCase();
        const saved = await api<Staff>(`/staff/${editing.id}`, { method: 'PATCH', body });
        message.success(t(`已保存 ${saved.name} 的账号`, `Saved ${saved.name}'s account`));
        onSaved(saved);
      } else {
        const body = { login: v.login.trim(), name: v.name.trim(), roles: v.roles, password: v.password!, backups, ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim().toUpperCase() } : {}) };
        const saved = await api<Staff>('/staff', { body });
        message.success(t(`已创建账号 ${saved.login}`, `Created the account ${saved.login}`));
        onSaved(saved, v.password);
      }
    } catch (e) {
      setError(showProblems(form, e, lang, place));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={editing ? t(`编辑工作人员：${editing.name}（${editing.login}）`, `Edit staff member: ${editing.name} (${editing.login})`) : t('新建工作人员账号', 'New staff account')}
      okText={editing ? t('保存', 'Save') : t('创建', 'Create')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'staff-form-submit' }}
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} data-testid="staff-form-error" />}
      {editing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('更改岗位后，此人当前的登录会失效，需重新登录。', 'A change of roles ends this person\'s sessions: they sign in again.')}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={editing ? false : 'optional'} data-testid="staff-form">
        <Space align="start" size="middle" style={{ display: 'flex' }}>
          <Form.Item
            name="login"
            label={t('登录名', 'Login')}
            style={{ width: 260 }}
            extra={editing ? undefined : t('小写字母开头，3–40 位字母、数字或 . _ -', 'a–z first; 3–40 of a–z, 0–9, . _ -')}
            rules={editing ? [] : [{ required: true, message: t('请输入登录名', 'Enter a login') }, { pattern: LOGIN_PATTERN, message: t('登录名格式不正确', 'Not a valid login') }]}
          >
            <Input disabled={!!editing} autoComplete="off" data-testid="staff-form-login" />
          </Form.Item>
          <Form.Item name="name" label={t('姓名', 'Name')} style={{ width: 300 }} rules={[{ required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') }, { max: 50 }]}>
            <Input autoComplete="off" data-testid="staff-form-name" />
          </Form.Item>
        </Space>
        <Form.Item
          name="idNumber"
          label={t('身份证号', 'Resident ID')}
          extra={editing ? t(`当前：${editing.idNumber ?? '未登记'}；不修改请留空`, `Now: ${editing.idNumber ?? 'none'}; leave empty to keep it`) : t('可不填；只以脱敏形式显示', 'Optional; only ever shown masked')}
          rules={[{ validator: (_, v: string | undefined) => (!v?.trim() ? Promise.resolve() : residentIdProblem(v, lang) ? Promise.reject(new Error(residentIdProblem(v, lang)!)) : Promise.resolve()) }]}
        >
          <Input autoComplete="off" maxLength={18} style={{ width: 260 }} data-testid="staff-form-id-number" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('岗位（角色）', 'Roles')}
          extra={t('只列出本级节点设有的岗位', 'Only the roles this tier of node has')}
          rules={[{ required: true, type: 'array', min: 1, message: t('至少选择一个岗位', 'Choose at least one role') }]}
        >
          <Checkbox.Group
            data-testid="staff-form-roles"
            options={offered.map((r) => ({ value: r, label: roleLabel(r, lang), disabled: self && r === 'node_admin' }))}
          />
        </Form.Item>
        {roles.length > 0 && (
          <>
            <Typography.Text strong>{t('B 岗（A/B 岗互为备岗）', 'Backups (A/B posts)')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('每个岗位可指定一名同样担任该岗位的在岗同事，在本人不在时代为办理。', 'For each role, an active colleague who holds that role too can stand in when this person is away.')}
            </Typography.Paragraph>
            {roles.map((r) => {
              const options = candidates(r);
              return (
                <Form.Item key={r} name={['backup', r]} label={roleLabel(r, lang)} style={{ marginBottom: 12 }}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    style={{ width: 360 }}
                    options={options}
                    placeholder={options.length > 0 ? t('不指定', 'None') : t('本节点暂无其他担任该岗位的在岗人员', 'No other active colleague holds this role')}
                    disabled={options.length === 0}
                    data-testid={`staff-form-backup-${r}`}
                  />
                </Form.Item>
              );
            })}
          </>
        )}
        {!editing && (
          <Form.Item
            label={t('初始密码', 'Initial password')}
            required
            extra={t('此人首次登录时须修改。创建后只显示这一次，请当面或通过安全渠道告知本人。', 'They must change it at their first sign-in. It is shown once after creating: hand it over in person or by a safe channel.')}
          >
            <Space.Compact style={{ width: 360 }}>
              <Form.Item
                name="password"
                noStyle
                dependencies={['login']}
                rules={[
                  { required: true, message: t('请输入初始密码', 'Enter an initial password') },
                  { validator: (_, v: string | undefined) => (v && passwordProblem(v, login, lang) ? Promise.reject(new Error(passwordProblem(v, login, lang)!)) : Promise.resolve()) },
                ]}
              >
                <Input autoComplete="new-password" data-testid="staff-form-password" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('password', generatePassword())} data-testid="staff-form-generate">
                {t('重新生成', 'Generate')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
