import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { api, ApiError, saveTokens, type Tokens } from '../lib/api';
import { useLang } from '../lib/i18n';
import { useSession } from '../lib/session';

/** The forced first change (an administrator set the password) and the ordinary one. */
export function PasswordPage() {
  const { me, reload } = useSession();
  const { lang, t } = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me) return <Navigate to="/sign-in" replace />;

  const submit = async (v: { currentPassword: string; newPassword: string; repeat: string }) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<Partial<Tokens>>('/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      if (answer?.accessToken && answer.refreshToken) saveTokens(answer as Tokens);
      await reload();
      message.success(t('密码已修改', 'Password changed'));
      navigate('/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f6f8' }}>
      <Card style={{ width: 440 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('修改密码', 'Change your password')}
        </Typography.Title>
        {me.mustChangePassword && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('管理员为您设置了初始密码，请先修改为只有您知道的密码。', 'An administrator set your password: change it to one only you know before you go on.')} />
        )}
        <Typography.Paragraph type="secondary">
          {t('10–128 个字符，至少包含小写字母、大写字母、数字、其他字符中的三类，且不含账号。', '10–128 characters mixing at least three of lower case, upper case, digits and other characters, not containing the login.')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label={t('当前密码', 'Current password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('新密码', 'New password')} rules={[{ required: true }, { min: 10, message: t('至少 10 个字符', 'At least 10 characters') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('再次输入新密码', 'New password again')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('两次输入不一致', 'The two entries differ')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('修改密码', 'Change password')}
          </Button>
          {!me.mustChangePassword && (
            <Button block type="link" onClick={() => navigate(-1)}>
              {t('返回', 'Back')}
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
