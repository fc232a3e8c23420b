import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createHashRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ROUTES } from './areas';
import { LangProvider, useLang } from './lib/i18n';
import { allowed, type ConsoleRoute } from './lib/routes';
import { SessionProvider, useSession } from './lib/session';
import { Frame } from './shell/Frame';
import { Home } from './shell/Home';
import { NotAllowed } from './shell/NotAllowed';
import { PasswordPage } from './shell/PasswordPage';
import { SignInPage } from './shell/SignInPage';

function Guard({ route }: { route: ConsoleRoute }) {
  const { me, node } = useSession();
  const location = useLocation();
  if (route.public) return <>{route.element}</>;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.mustChangePassword) return <Navigate to="/password" replace />;
  if (!allowed(route, node?.tier ?? me.tier, me.roles)) return <NotAllowed />;
  return <>{route.element}</>;
}

function SignedIn() {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.mustChangePassword) return <Navigate to="/password" replace />;
  return (
    <Frame>
      <Outlet />
    </Frame>
  );
}

const router = createHashRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/password', element: <PasswordPage /> },
  ...ROUTES.filter((r) => r.bare || r.public).map((r) => ({ path: `/${r.path}`, element: <Guard route={r} /> })),
  {
    path: '/',
    element: <SignedIn />,
    children: [
      { index: true, element: <Home /> },
      ...ROUTES.filter((r) => !r.bare && !r.public).map((r) => ({ path: r.path, element: <Guard route={r} /> })),
      { path: '*', element: <NotAllowed notFound /> },
    ],
  },
]);

function Themed() {
  const { lang } = useLang();
  const { loading } = useSession();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#c0392b', fontFamily: "'Noto Sans SC', -apple-system, 'Segoe UI', sans-serif", borderRadius: 4 } }}
    >
      <AntApp>{loading ? <Spin fullscreen /> : <RouterProvider router={router} />}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LangProvider>
      <SessionProvider>
        <Themed />
      </SessionProvider>
    </LangProvider>
  );
}
