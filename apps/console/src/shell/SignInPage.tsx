import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../lib/api';
import { useLang } from '../lib/i18n';
import { useSession } from '../lib/session';

export function SignInPage() {
  const { me, node, ended, signIn } = useSession();
  const { lang, setLang, t } = useLang();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const next = params.get('next') || '/';
  if (me) return <Navigate to={me.mustChangePassword ? '/password' : next} replace />;

  const submit = async (v: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const m = await signIn(v.login.trim(), v.password);
      message.success(t(`欢迎，${m.name}`, `Welcome, ${m.name}`));
      navigate(m.mustChangePassword ? '/password' : next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : t('无法连接本节点，请稍后重试', 'The node cannot be reached; try again'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(160deg, #fdf1ef 0%, #f5f6f8 60%)' }}>
      <Card style={{ width: 400 }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={3} style={{ color: '#c0392b', marginTop: 0 }}>
          {t('通办 · 政务服务工作台', 'Tongban staff console')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" data-testid="sign-in-node">
          {node ? `${node.name}（${node.code}）` : t('正在读取本节点…', 'Reading this node…')}
        </Typography.Paragraph>
        {ended === 'expired' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('登录已过期，请重新登录', 'Your session has expired; sign in again')} />}
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} data-testid="sign-in-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="login" label={t('账号', 'Login')} rules={[{ required: true, message: t('请输入账号', 'Enter your login') }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('密码', 'Password')} rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('登录', 'Sign in')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between' }}>
          <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/progress')}>
            {t('办件进度查询（群众）', 'Case progress (public)')}
          </Button>
          <Button type="link" style={{ padding: 0 }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
        </div>
      </Card>
    </div>
  );
}
