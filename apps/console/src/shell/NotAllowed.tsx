import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useLang } from '../lib/i18n';

export function NotAllowed({ notFound = false }: { notFound?: boolean }) {
  const { t } = useLang();
  const navigate = useNavigate();
  return (
    <Result
      status={notFound ? '404' : '403'}
      title={notFound ? t('页面不存在', 'Page not found') : t('无权访问此页面', 'Not allowed here')}
      subTitle={notFound ? undefined : t('此页面不属于本节点或您的岗位。', 'This page is not offered at this node or to your roles.')}
      extra={<Button onClick={() => navigate('/')}>{t('返回首页', 'Back to the start page')}</Button>}
    />
  );
}
