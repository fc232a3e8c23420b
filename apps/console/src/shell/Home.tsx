import { Card, Col, Row, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ROUTES } from '../areas';
import { useLang } from '../lib/i18n';
import { allowed, MENU_GROUPS } from '../lib/routes';
import { useSession } from '../lib/session';

/** The start page: the person's work at this node, one card per page of their menu. */
export function Home() {
  const { me, node } = useSession();
  const { lang, t } = useLang();
  const navigate = useNavigate();
  const mine = ROUTES.filter((r) => r.menu && allowed(r, node?.tier ?? me!.tier, me!.roles));
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t(`${me!.name}，您好`, `Hello, ${me!.name}`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(`您在${node?.name ?? me!.nodeName}的岗位：`, `Your roles at ${node?.name ?? me!.nodeName}: `)}
        {me!.roleLabels.map((r) => (lang === 'zh' ? r.label : r.labelEn)).join(lang === 'zh' ? '、' : ', ')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {mine.map((r) => (
          <Col key={r.path} xs={24} sm={12} lg={8} xl={6}>
            <Card hoverable onClick={() => navigate(`/${r.path}`)} size="small" data-testid="home-page-link" data-path={r.path}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {lang === 'zh' ? MENU_GROUPS[r.menu!.group].zh : MENU_GROUPS[r.menu!.group].en}
              </Typography.Text>
              <div style={{ fontSize: 16, marginTop: 4 }}>
                {r.menu!.icon} {lang === 'zh' ? r.menu!.zh : r.menu!.en}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
