import { Alert, App, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { useLang } from '../../lib/i18n';
import { generatePassword, passwordProblem } from './password';
import { showProblems } from './problems';
import type { Staff } from './types';

/**
 * A temporary password for a staff member (POST /staff/:id/password-reset): one the console makes up
 * or one the administrator types. The node also unlocks the account and ends its sessions; the person
 * must change the password at their next sign-in. Mounted while open.
 */
export function ResetPassword({ staff, onClose, onDone }: { staff: Staff; onClose: () => void; onDone: (s: Staff, password: string) => void }) {
  const { t, lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ mode: 'generate' | 'type'; password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form) ?? 'generate';

  const submit = async (v: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api<Staff>(`/staff/${staff.id}/password-reset`, { body: { newPassword: v.password } });
      message.success(t(`已重置 ${staff.name} 的密码`, `Reset ${staff.name}'s password`));
      onDone(saved, v.password);
    } catch (e) {
      setError(showProblems(form, e, lang, (f) => (f === 'newPassword' ? 'password' : null)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={520}
      title={t(`重置密码：${staff.name}（${staff.login}）`, `Reset password: ${staff.name} (${staff.login})`)}
      okText={t('重置密码', 'Reset password')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'reset-password-submit' }}
      mask={{ closable: false }}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('重置后此人当前的登录全部失效，账号如被锁定将一并解锁；此人下次登录时须修改密码。', 'Resetting ends all of this person\'s sessions and unlocks the account; they must change the password at their next sign-in.')}
      />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} data-testid="reset-password-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'generate', password: generatePassword() }}
        onFinish={submit}
        onValuesChange={(changed: { mode?: string }) => {
          if (changed.mode) form.setFieldValue('password', changed.mode === 'generate' ? generatePassword() : '');
        }}
      >
        <Form.Item name="mode" label={t('临时密码', 'Temporary password')}>
          <Radio.Group
            data-testid="reset-password-mode"
            options={[
              { value: 'generate', label: t('自动生成', 'Generate one') },
              { value: 'type', label: t('手动输入', 'Type one') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={mode === 'generate' ? t('生成的临时密码', 'Generated password') : t('输入临时密码', 'Type the password')}
          required
          extra={t('10–128 个字符，至少包含小写字母、大写字母、数字、其他字符中的三类，且不含登录名。', '10–128 characters mixing at least three of lower case, upper case, digits and other characters, not containing the login.')}
        >
          <Space.Compact style={{ width: 360 }}>
            <Form.Item
              name="password"
              noStyle
              rules={[
                { required: true, message: t('请输入临时密码', 'Enter a temporary password') },
                { validator: (_, v: string | undefined) => (v && passwordProblem(v, staff.login, lang) ? Promise.reject(new Error(passwordProblem(v, staff.login, lang)!)) : Promise.resolve()) },
              ]}
            >
              <Input readOnly={mode === 'generate'} autoComplete="new-password" style={{ fontFamily: 'monospace' }} data-testid="reset-password-input" />
            </Form.Item>
            {mode === 'generate' && (
              <Button onClick={() => form.setFieldValue('password', generatePassword())} data-testid="reset-password-generate">
                {t('重新生成', 'Generate again')}
              </Button>
            )}
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
