import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { CASE_NUMBER, CaseNumberLink, errorText, OrderStatusTag } from './common';
import { IssueOrderModal, OrderDrawer } from './orders';
import type { OrderStatus, Paged, Rectification, SupervisionOrder } from './types';

dayjs.extend(isoWeek);

const PAGE_SIZE = 20;

/** The node picker every filter here uses: the network's centres by name. */
function NodeSelect({ value, onChange, testId }: { value?: string; onChange: (v: string | undefined) => void; testId: string }) {
  const { t } = useLang();
  const { nodes } = useNetwork();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('全部中心', 'Every centre')}
      style={{ width: 220 }}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={nodes.map((n) => ({ value: n.code, label: n.name }))}
      data-testid={testId}
    />
  );
}

/** 督办单: filters (status, flagged, centre, case), a page of orders newest first, one opened in a drawer. */
function OrdersTab() {
  const { lang, t } = useLang();
  const { has } = useSession();
  const { nameOf } = useNetwork();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as OrderStatus | null) ?? undefined;
  const flagged = params.get('flagged') === 'true';
  const holder = params.get('holder') ?? undefined;
  const caseNumber = params.get('caseNumber') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [caseText, setCaseText] = useState(caseNumber);
  const [data, setData] = useState<Paged<SupervisionOrder>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setData(
        await api<Paged<SupervisionOrder>>('/supervision/orders', {
          query: { status, flagged: flagged ? true : undefined, holder, caseNumber: caseNumber || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        }),
      );
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setLoading(false);
    }
  }, [status, flagged, holder, caseNumber, page, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const caseProblem = caseText.trim() !== '' && !CASE_NUMBER.test(caseText.trim().toUpperCase());

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('全部状态', 'Every status')}
          style={{ width: 150 }}
          value={status}
          onChange={(v?: string) => set({ status: v })}
          options={[
            { value: 'open', label: t('待反馈', 'Open') },
            { value: 'overdue', label: t('逾期未反馈', 'Overdue') },
            { value: 'answered', label: t('已反馈', 'Answered') },
          ]}
          data-testid="orders-status"
        />
        <Space>
          <Switch checked={flagged} onChange={(v) => set({ flagged: v ? 'true' : undefined })} data-testid="orders-flagged" />
          {t('仅列入监察建议的', 'Flagged only')}
        </Space>
        <NodeSelect value={holder} onChange={(v) => set({ holder: v })} testId="orders-holder" />
        <Input.Search
          placeholder={t('办件编号', 'Case number')}
          allowClear
          value={caseText}
          status={caseProblem ? 'error' : undefined}
          onChange={(e) => setCaseText(e.target.value)}
          onSearch={(v) => {
            const n = v.trim().toUpperCase();
            if (n === '' || CASE_NUMBER.test(n)) set({ caseNumber: n || undefined });
          }}
          style={{ width: 300, fontFamily: 'monospace' }}
          data-testid="orders-case"
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
          {t('刷新', 'Refresh')}
        </Button>
        {has('city_coordinator') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="orders-issue">
            {t('发出督办', 'Issue an order')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<SupervisionOrder>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: true }}
        data-testid="orders-table"
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, showTotal: (n) => t(`共 ${n} 件`, `${n} in all`), onChange: (p) => set({ page: String(p) }) }}
        columns={[
          { title: t('发出时间', 'Issued'), dataIndex: 'issuedAt', width: 140, render: (v: string) => <span className="tb-nowrap">{dateTime(v)}</span> },
          {
            title: t('办件编号', 'Case number'),
            dataIndex: 'caseNumber',
            width: 250,
            render: (v: string) => <CaseNumberLink caseNumber={v} />,
          },
          { title: t('轮次', 'Round'), dataIndex: 'round', width: 70, render: (v: number, r) => <>{v}{r.rule === 'red_light' && <Tag style={{ marginLeft: 4 }}>{t('自动', 'auto')}</Tag>}</> },
          { title: t('督办对象', 'To'), dataIndex: 'holder', width: 180, render: (v: string) => nameOf(v) },
          { title: t('督办内容', 'Content'), dataIndex: 'content', width: 240, ellipsis: true },
          { title: t('反馈期限', 'Answer by'), dataIndex: 'answerBy', width: 110, render: (v: string) => <span className="tb-nowrap">{v}</span> },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 170, render: (v: OrderStatus, r) => <><OrderStatusTag status={v} lang={lang} />{r.flagged && <Tag color="red">{t('监察建议', 'flagged')}</Tag>}</> },
          { title: t('发出人', 'By'), dataIndex: 'issuedByName', width: 110 },
        ]}
      />
      <IssueOrderModal
        open={issuing}
        onClose={() => setIssuing(false)}
        onIssued={(o) => {
          setIssuing(false);
          void load();
          setOpenId(o.id);
        }}
      />
      <OrderDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />
    </Space>
  );
}

interface WeekRow {
  node: string;
  name?: string;
  issued: number;
  answered: number;
  overdue: number;
  flagged: number;
  open: number;
}

/** The ISO week (2026-W48) of the week a picked day is in, whatever day the picker's locale starts weeks on. */
function isoWeekOf(d: Dayjs): string {
  const mid = d.startOf('week').add(3, 'day');
  return `${mid.isoWeekYear()}-W${String(mid.isoWeek()).padStart(2, '0')}`;
}

/** 每周督办汇总 (GET /supervision/summary?week=): orders issued that week per centre. */
function WeeklyTab() {
  const { lang, t } = useLang();
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const week = isoWeekOf(day);
  const [data, setData] = useState<{ week: string; from: string; to: string; nodes: WeekRow[]; total: Omit<WeekRow, 'node' | 'name'> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api<typeof data>('/supervision/summary', { query: { week } })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorText(e, lang)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [week, lang]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <DatePicker picker="week" value={day} onChange={(d) => d && setDay(d)} allowClear={false} data-testid="weekly-week" />
        <Typography.Text type="secondary">
          {week}
          {data && ` · ${data.from} – ${dayjs(data.to).subtract(1, 'day').format('YYYY-MM-DD')}`}
        </Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<WeekRow>
        size="small"
        rowKey="node"
        loading={loading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={data?.nodes ?? []}
        data-testid="weekly-table"
        locale={{ emptyText: t('本周没有发出督办单', 'No order was issued this week') }}
        columns={[
          { title: t('中心', 'Centre'), dataIndex: 'name', render: (v: string | undefined, r) => v ?? r.node },
          { title: t('发出', 'Issued'), dataIndex: 'issued', width: 90, align: 'right' },
          { title: t('已反馈', 'Answered'), dataIndex: 'answered', width: 90, align: 'right' },
          { title: t('逾期', 'Overdue'), dataIndex: 'overdue', width: 90, align: 'right' },
          { title: t('监察建议', 'Flagged'), dataIndex: 'flagged', width: 90, align: 'right' },
          { title: t('待反馈', 'Open'), dataIndex: 'open', width: 90, align: 'right' },
        ]}
        summary={() =>
          data && data.nodes.length > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('合计', 'Total')}</strong>
              </Table.Summary.Cell>
              {(['issued', 'answered', 'overdue', 'flagged', 'open'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right">
                  <strong>{data.total[k]}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Space>
  );
}

const RECT_STATUS: Record<Rectification['status'], { zh: string; en: string; color: string }> = {
  open: { zh: '待整改', en: 'open', color: 'blue' },
  answered: { zh: '已反馈', en: 'answered', color: 'gold' },
  closed: { zh: '已办结', en: 'closed', color: 'green' },
};

/** 整改 (GET /rectifications): every centre's items after poor ratings and follow-up calls, read-only at the city. */
function RectificationsTab() {
  const { lang, t } = useLang();
  const { nameOf } = useNetwork();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | undefined>();
  const [source, setSource] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [node, setNode] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Paged<Rectification>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api<Paged<Rectification>>('/rectifications', { query: { status, source, overdue: overdue ? true : undefined, node, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(errorText(e, lang)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [status, source, overdue, node, page, lang]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('全部状态', 'Every status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v?: string) => {
            setStatus(v);
            setPage(1);
          }}
          options={(Object.keys(RECT_STATUS) as Rectification['status'][]).map((k) => ({ value: k, label: lang === 'zh' ? RECT_STATUS[k].zh : RECT_STATUS[k].en }))}
          data-testid="rect-status"
        />
        <Select
          allowClear
          placeholder={t('全部来源', 'Every source')}
          style={{ width: 140 }}
          value={source}
          onChange={(v?: string) => {
            setSource(v);
            setPage(1);
          }}
          options={[
            { value: 'rating', label: t('差评', 'Poor rating') },
            { value: 'follow_up', label: t('抽查回访', 'Follow-up call') },
          ]}
        />
        <NodeSelect
          value={node}
          onChange={(v) => {
            setNode(v);
            setPage(1);
          }}
          testId="rect-node"
        />
        <Space>
          <Switch
            checked={overdue}
            onChange={(v) => {
              setOverdue(v);
              setPage(1);
            }}
          />
          {t('仅逾期未整改', 'Overdue only')}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Rectification>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: true }}
        data-testid="rect-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: t('生成时间', 'Opened'), dataIndex: 'openedAt', width: 140, render: (v: string) => <span className="tb-nowrap">{dateTime(v)}</span> },
          { title: t('办件编号', 'Case number'), dataIndex: 'caseNumber', width: 250, render: (v: string) => <Typography.Link className="tb-case-no" onClick={() => navigate(`/city/cases/${v}`)}>{v}</Typography.Link> },
          { title: t('整改中心', 'Centre'), dataIndex: 'node', width: 170, render: (v: string) => nameOf(v) },
          {
            title: t('来源', 'Source'),
            dataIndex: 'source',
            width: 220,
            render: (v: Rectification['source'], r) =>
              v === 'rating' ? (
                <span>
                  <Tag color="volcano">{t(`差评 ${r.ratingLevel ?? ''}`, `rating ${r.ratingLevel ?? ''}`)}</Tag>
                  {r.ratingComment}
                </span>
              ) : (
                <span>
                  <Tag color="purple">{t('抽查回访', 'follow-up')}</Tag>
                  {r.problem}
                </span>
              ),
          },
          { title: t('整改期限', 'Due'), dataIndex: 'dueOn', width: 110, render: (v: string) => <span className="tb-nowrap">{v}</span> },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 100, render: (v: Rectification['status']) => <Tag color={RECT_STATUS[v]?.color}>{lang === 'zh' ? RECT_STATUS[v]?.zh : RECT_STATUS[v]?.en}</Tag> },
          { title: t('整改反馈', 'Answer'), dataIndex: 'answer', width: 220, ellipsis: true, render: (a: Rectification['answer']) => a?.content ?? '—' },
          { title: t('重新评价', 'Second rating'), dataIndex: 'rerating', width: 100, render: (r: Rectification['rerating']) => r?.level ?? '—' },
        ]}
      />
    </Space>
  );
}

/** 督办管理: orders (the coordinator issues and follows them; the auditor reads), the weekly summary, rectification items. */
export function SupervisionPage() {
  const { t } = useLang();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'orders';
  return (
    <Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'orders' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'orders', label: t('督办单', 'Orders'), children: <OrdersTab /> },
          { key: 'weekly', label: t('每周汇总', 'Weekly summary'), children: <WeeklyTab /> },
          { key: 'rectifications', label: t('整改', 'Rectifications'), children: <RectificationsTab /> },
        ]}
        data-testid="supervision-tabs"
      />
    </Card>
  );
}
