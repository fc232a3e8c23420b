import { LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ROUTES } from '../areas';
import { useLang } from '../lib/i18n';
import { allowed, MENU_GROUPS, type MenuGroup } from '../lib/routes';
import { useSession } from '../lib/session';

const TIER_ZH = { city: '市级', county: '县级', township: '乡镇' } as const;
const TIER_EN = { city: 'city', county: 'county', township: 'township' } as const;

/** The frame of every signed-in page: the node and person at the top, the menu of this tier and these roles. */
export function Frame({ children }: { children: ReactNode }) {
  const { me, node, signOut } = useSession();
  const { lang, setLang, t } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const tier = node?.tier ?? me!.tier;

  const items = useMemo(() => {
    const mine = ROUTES.filter((r) => r.menu && allowed(r, tier, me!.roles));
    const groups = [...new Set(mine.map((r) => r.menu!.group))].sort((a, b) => MENU_GROUPS[a].order - MENU_GROUPS[b].order);
    return groups.map((g: MenuGroup) => ({
      key: `group:${g}`,
      type: 'group' as const,
      label: lang === 'zh' ? MENU_GROUPS[g].zh : MENU_GROUPS[g].en,
      children: mine
        .filter((r) => r.menu!.group === g)
        .sort((a, b) => (a.menu!.order ?? 99) - (b.menu!.order ?? 99))
        .map((r) => ({ key: `/${r.path}`, icon: r.menu!.icon, label: lang === 'zh' ? r.menu!.zh : r.menu!.en })),
    }));
  }, [tier, me, lang]);

  const selected = items.flatMap((g) => g.children.map((c) => c.key)).filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} breakpoint="lg" theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: collapsed ? '16px 8px' : '16px 20px', fontWeight: 700, color: '#c0392b', fontSize: collapsed ? 14 : 18, cursor: 'pointer' }} onClick={() => navigate('/')}>
          {collapsed ? '通办' : t('通办 · 工作台', 'Tongban console')}
        </div>
        <Menu mode="inline" items={items} selectedKeys={selected.slice(-1)} onClick={(e) => navigate(e.key)} style={{ borderRight: 0 }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 20px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0', height: 56 }}>
          <Space size="middle">
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="node-name">
              {node?.name ?? me!.nodeName}
            </Typography.Text>
            <Tag color="red">{lang === 'zh' ? TIER_ZH[tier] : TIER_EN[tier]}</Tag>
            <Typography.Text type="secondary">{node?.code ?? me!.node}</Typography.Text>
          </Space>
          <Space>
            <Button icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
              {lang === 'zh' ? 'English' : '中文'}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'password', label: t('修改密码', 'Change password') },
                  { key: 'sign-out', icon: <LogoutOutlined />, label: t('退出登录', 'Sign out') },
                ],
                onClick: async (e) => {
                  if (e.key === 'password') navigate('/password');
                  else {
                    await signOut();
                    navigate('/sign-in');
                  }
                },
              }}
            >
              <Button icon={<UserOutlined />} data-testid="user-menu">
                {me!.name}（{me!.roleLabels.map((r) => (lang === 'zh' ? r.label : r.labelEn)).join('、')}）
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 20, background: '#f5f6f8' }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
