import { ArrowLeftOutlined, SearchOutlined, TranslationOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Input, theme as antTheme, Tooltip } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { LIGHT_COLOR, type Light } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { beijingDay, beijingTime, CASE_NUMBER, daysBefore, errorText } from './common';
import { EChart } from './EChart';
import { NodeCasesDrawer } from './NodeCasesDrawer';
import type { DayCount, GridNode, MonitorGrid, MonitorPage } from './types';
import './wall-screen.css';

/** How often the screen reads the monitor again. */
export const POLL_MS = 5000;
const TREND_DAYS = 14;
const OVERDUE_SHOWN = 30;

interface ScreenData {
  grid: MonitorGrid;
  overdue: MonitorPage;
  trends: DayCount[];
  /** When this browser received it. */
  at: Date;
  /** The node's clock less this browser's: the screen shows the network's time, whatever the display's clock says. */
  skewMs: number;
}

/** 兴庆区政务服务中心 → 兴庆区: the wall screen has room for the place, not the kind of centre. */
function shortName(name: string): string {
  const s = name.replace(/(政务服务中心|便民服务中心|市民大厅|服务中心)$/, '');
  return s || name;
}

/** The colour a tile shows: its worst light, grey when it holds nothing live. */
function dominant(n: Pick<GridNode, 'red' | 'yellow' | 'green' | 'live'>): Light {
  if (n.red > 0) return 'red';
  if (n.yellow > 0) return 'yellow';
  if (n.green > 0) return 'green';
  return 'none';
}

function Tile({ node, size, onOpen }: { node: GridNode; size: 'large' | 'small'; onOpen: (n: GridNode) => void }) {
  const { t } = useLang();
  const light = dominant(node);
  const open = () => onOpen(node);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  return (
    <div
      className={`tb-tile tb-tile-${size} tb-tile-${light}`}
      role="button"
      tabIndex={0}
      onClick={open}
      onKeyDown={onKey}
      data-testid={`screen-node-${node.code}`}
      data-light={light}
      title={`${node.name}（${node.code}）`}
    >
      <div className="tb-tile-body">
      <div className="tb-tile-name">{shortName(node.name)}</div>
      <div className="tb-tile-counts">
        {(['red', 'yellow', 'green'] as const).map((l) => (
          <span key={l} className={`tb-count tb-count-${l}${node[l] === 0 ? ' tb-count-zero' : ''}`} data-light={l} data-count={node[l]}>
            <i style={{ background: LIGHT_COLOR[l] }} />
            {node[l]}
          </span>
        ))}
      </div>
      <div className="tb-tile-live">
        {t('在办', 'Live')} {node.live}
        {node.unlit > 0 && <span className="tb-tile-unlit">{t(` · 待受理 ${node.unlit}`, ` · ${node.unlit} not accepted`)}</span>}
      </div>
      <div className="tb-tile-bar" aria-hidden>
        {(['red', 'yellow', 'green'] as const).map((l) => node[l] > 0 && <i key={l} style={{ flex: node[l], background: LIGHT_COLOR[l] }} />)}
        {node.unlit > 0 && <i style={{ flex: node.unlit, background: '#5b6f8f' }} />}
      </div>
      </div>
    </div>
  );
}

/** The city (and townships directly under it), then each county with its townships. */
function groupsOf(nodes: GridNode[]): Array<{ head: GridNode; members: GridNode[] }> {
  const heads = nodes.filter((n) => n.tier === 'city' || n.tier === 'county' || n.tier === null);
  return heads.map((h) => ({ head: h, members: nodes.filter((n) => n.tier === 'township' && n.parent === h.code) }));
}

function Kpi({ label, value, color, testId }: { label: string; value: number | string; color?: string; testId?: string }) {
  return (
    <div className="tb-kpi" data-testid={testId}>
      <div className="tb-kpi-value" style={color ? { color } : undefined}>
        {value}
      </div>
      <div className="tb-kpi-label">{label}</div>
    </div>
  );
}

/**
 * 电子监察屏: the network's live cases by centre and light for a wall display, read again every few
 * seconds; a failed read keeps the last figures and says they are stale.
 */
export function WallScreen() {
  const { lang, setLang, t } = useLang();
  const { node: self } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [data, setData] = useState<ScreenData | null>(null);
  const [failure, setFailure] = useState<{ text: string; at: Date } | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [opened, setOpened] = useState<GridNode | null>(null);
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const grid = await api<MonitorGrid>('/monitor/grid');
        const [overdue, trends] = await Promise.all([
          api<MonitorPage>('/monitor/overdue', { query: { limit: OVERDUE_SHOWN } }),
          api<DayCount[]>('/monitor/trends', { query: { from: daysBefore(grid.today, TREND_DAYS - 1), to: grid.today } }),
        ]);
        if (!alive) return;
        const at = new Date();
        setData({ grid, overdue, trends, at, skewMs: Date.parse(grid.at) - at.getTime() });
        setFailure(null);
      } catch (e) {
        if (!alive) return;
        setFailure({ text: errorText(e, langRef.current), at: new Date() });
      } finally {
        if (alive) timer = setTimeout(() => void poll(), POLL_MS);
      }
    };
    void poll();
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      clearInterval(tick);
    };
  }, []);

  const networkNow = new Date(now.getTime() + (data?.skewMs ?? 0));
  const stale = failure !== null || (data !== null && now.getTime() - data.at.getTime() > 3 * POLL_MS);
  const groups = useMemo(() => (data ? groupsOf(data.grid.nodes) : []), [data]);
  const today = data?.trends.at(-1);

  const trendOption = useMemo(() => {
    const days = data?.trends ?? [];
    return {
      grid: { left: 36, right: 12, top: 34, bottom: 24 },
      legend: { top: 0, textStyle: { color: '#c8d6ee' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)), axisLabel: { color: '#8fa3c4' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#8fa3c4' }, splitLine: { lineStyle: { color: '#1f3556' } } },
      series: [
        { name: t('收件', 'Received'), type: 'bar', data: days.map((d) => d.received), itemStyle: { color: '#3b8eea' } },
        { name: t('办结', 'Decided'), type: 'bar', data: days.map((d) => d.closed), itemStyle: { color: '#52c41a' } },
        { name: t('超期办结', 'Decided late'), type: 'line', data: days.map((d) => d.closedLate), itemStyle: { color: '#f5222d' }, smooth: true },
      ],
    };
  }, [data, t]);

  const search = (v: string) => {
    const n = v.trim().toUpperCase();
    if (!n) return;
    if (!CASE_NUMBER.test(n)) {
      message.warning(t('办件编号为 27 位：26 位数字加 1 位校验码', 'A case number is 27 characters: 26 digits and a check character'));
      return;
    }
    navigate(`/city/cases/${n}`);
  };

  const totals = data?.grid.totals;
  return (
    <ConfigProvider theme={{ algorithm: antTheme.darkAlgorithm, token: { colorPrimary: '#3b8eea', colorBgElevated: '#10223d' } }}>
      <div className="tb-screen" data-testid="wall-screen">
        <header className="tb-screen-head">
          <div className="tb-screen-title">
            {self?.name ?? t('市级中心', 'City centre')}
            <span className="tb-screen-sub">{t('电子监察', 'Electronic supervision')}</span>
          </div>
          <div className="tb-screen-status">
            <span className="tb-screen-clock" data-testid="screen-clock">
              {beijingDay(networkNow)} {beijingTime(networkNow)}
            </span>
            <span data-testid="screen-updated" className={stale ? 'tb-stale' : 'tb-fresh'}>
              {data ? t(`数据更新于 ${beijingTime(data.grid.at)}`, `Updated ${beijingTime(data.grid.at)}`) : t('正在读取…', 'Reading…')}
            </span>
            {stale && (
              <Tooltip title={failure?.text}>
                <span className="tb-stale-badge" data-testid="screen-stale">
                  {t('连接中断，显示的是上次数据', 'Connection lost: showing the last figures')}
                </span>
              </Tooltip>
            )}
          </div>
          <div className="tb-screen-tools">
            <Input.Search
              placeholder={t('办件编号', 'Case number')}
              allowClear
              enterButton={<SearchOutlined />}
              onSearch={search}
              style={{ width: 300 }}
              data-testid="screen-search"
            />
            <Button icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
              {lang === 'zh' ? 'EN' : '中文'}
            </Button>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/')} data-testid="screen-exit">
              {t('工作台', 'Console')}
            </Button>
          </div>
        </header>

        <section className="tb-kpis">
          <div className="tb-kpi-group">
            <Kpi label={t('全市在办', 'Live in the city')} value={totals?.live ?? '—'} testId="screen-total-live" />
            <Kpi label={t('红灯（超期）', 'Red (overdue)')} value={totals?.red ?? '—'} color={LIGHT_COLOR.red} testId="screen-total-red" />
            <Kpi label={t('黄灯（预警）', 'Yellow (warning)')} value={totals?.yellow ?? '—'} color={LIGHT_COLOR.yellow} testId="screen-total-yellow" />
            <Kpi label={t('绿灯（正常）', 'Green (on time)')} value={totals?.green ?? '—'} color={LIGHT_COLOR.green} testId="screen-total-green" />
          </div>
          <div className="tb-kpi-group tb-kpi-today" data-testid="screen-today">
            <Kpi label={t('今日收件', 'Received today')} value={today?.received ?? '—'} testId="screen-today-received" />
            <Kpi label={t('今日受理', 'Accepted today')} value={today?.accepted ?? '—'} testId="screen-today-accepted" />
            <Kpi label={t('今日办结', 'Decided today')} value={today?.closed ?? '—'} testId="screen-today-closed" />
            <Kpi label={t('今日超期办结', 'Decided late today')} value={today?.closedLate ?? '—'} color={today && today.closedLate > 0 ? LIGHT_COLOR.red : undefined} testId="screen-today-late" />
          </div>
        </section>

        <main className="tb-screen-body">
          <section className="tb-panel tb-grid-panel">
            <h2>{t('各中心在办件（红 / 黄 / 绿）', 'Live cases by centre (red / yellow / green)')}</h2>
            <div className="tb-grid" data-testid="screen-grid">
              {groups.map((g) => (
                <div key={g.head.code} className={`tb-area tb-area-${g.head.tier ?? 'other'}`} data-testid={`screen-area-${g.head.code}`}>
                  <Tile node={g.head} size="large" onOpen={setOpened} />
                  {g.members.length > 0 && (
                    <div className="tb-area-members">
                      {g.members.map((m) => (
                        <Tile key={m.code} node={m} size="small" onOpen={setOpened} />
                      ))}
                    </div>
                  )}
                </div>
              ))}
              {!data && !failure && <div className="tb-empty">{t('正在读取…', 'Reading…')}</div>}
              {!data && failure && <div className="tb-empty tb-stale">{failure.text}</div>}
            </div>
          </section>

          <aside className="tb-side">
            <section className="tb-panel tb-overdue-panel">
              <h2>
                {t('超期办件', 'Overdue cases')}
                {data && <span className="tb-panel-count">{data.overdue.items.length}{data.overdue.next ? '+' : ''}</span>}
              </h2>
              <div className="tb-overdue" data-testid="screen-overdue">
                <div className="tb-overdue-row tb-overdue-headrow">
                  <span>{t('办件编号', 'Case number')}</span>
                  <span>{t('事项', 'Matter')}</span>
                  <span>{t('承办', 'Held by')}</span>
                  <span>{t('超期', 'Over')}</span>
                </div>
                {data?.overdue.items.map((r) => (
                  <div
                    key={r.caseNumber}
                    className="tb-overdue-row"
                    role="button"
                    tabIndex={0}
                    onClick={() => navigate(`/city/cases/${r.caseNumber}`)}
                    onKeyDown={(e) => e.key === 'Enter' && navigate(`/city/cases/${r.caseNumber}`)}
                    data-testid={`screen-overdue-${r.caseNumber}`}
                  >
                    <span className="tb-mono">{r.caseNumber}</span>
                    <span className="tb-ellipsis" title={r.itemName}>
                      {r.itemName}
                    </span>
                    <span className="tb-ellipsis">{shortName(data.grid.nodes.find((n) => n.code === r.holder)?.name ?? r.holder)}</span>
                    <span className="tb-over-days">{t(`${r.overdueDays} 天`, `${r.overdueDays} d`)}</span>
                  </div>
                ))}
                {data && data.overdue.items.length === 0 && <div className="tb-empty">{t('当前没有超期办件', 'No case is overdue')}</div>}
              </div>
            </section>
            <section className="tb-panel tb-trend-panel">
              <h2>{t(`近 ${TREND_DAYS} 日收件与办结`, `Received and decided, last ${TREND_DAYS} days`)}</h2>
              <EChart option={trendOption} dark merge style={{ height: '100%', minHeight: 150 }} testId="screen-trend" />
            </section>
          </aside>
        </main>
      </div>
      <NodeCasesDrawer node={opened} onClose={() => setOpened(null)} width="min(880px, 70vw)" />
    </ConfigProvider>
  );
}
