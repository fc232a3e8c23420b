import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CaseListItem, CasePage } from '../../components/case/types';
import { ApiError } from '../../lib/api';
import { date, dateTime, LIGHT_COLOR, maskId, statusLabel } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { casesWithLights, LightCell, shortName, WAITING_STATUSES } from './cases';

const REFRESH_MS = 15_000;
type LightFilter = 'red' | 'yellow' | 'green' | 'none';

/** The day a case is due, for sorting: its deadline by the clock, else its committed date. */
const dueOf = (c: CaseListItem): string => c.deadline ?? c.dueDate ?? '9999-12-31';

/** 待办: the cases this node holds that wait for its staff, the soonest due first, refreshed every 15 s. */
export function InboxPage() {
  const { lang, t } = useLang();
  const { me } = useSession();
  const { nameOf } = useNetwork();
  const navigate = useNavigate();
  const [page, setPage] = useState<CasePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [light, setLight] = useState<LightFilter | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const busy = useRef(false);

  const load = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    try {
      const p = await casesWithLights('/cases/inbox', { limit: 500 }, { holder: me!.node, status: WAITING_STATUSES.join(',') });
      setPage(p);
      setError(null);
      setUpdatedAt(new Date().toISOString());
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [lang, me]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const items = useMemo(() => [...(page?.items ?? [])].sort((a, b) => dueOf(a).localeCompare(dueOf(b)) || a.caseNumber.localeCompare(b.caseNumber)), [page]);
  const counts = useMemo(() => {
    const c: Record<LightFilter, number> = { red: 0, yellow: 0, green: 0, none: 0 };
    for (const x of items) c[(x.light?.code ?? 'none') as LightFilter]++;
    return c;
  }, [items]);
  const statuses = useMemo(() => [...new Set(items.map((x) => x.status.code))], [items]);
  const shown = items.filter((x) => (!light || (x.light?.code ?? 'none') === light) && (!status || x.status.code === status));

  const columns: ColumnsType<CaseListItem> = [
    { title: t('时限灯', 'Light'), key: 'light', width: 130, render: (_, c) => <LightCell c={c} /> },
    {
      title: t('办件编号', 'Case number'),
      dataIndex: 'caseNumber',
      width: 250,
      render: (n: string) => (
        <Link to={`/county/cases/${n}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'monospace' }}>
          {n}
        </Link>
      ),
    },
    {
      title: t('事项', 'Matter'),
      key: 'item',
      width: 220,
      render: (_, c) => (
        <div>
          <div>{c.item.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {c.item.code}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('申请人', 'Applicant'),
      key: 'applicant',
      width: 170,
      render: (_, c) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <div>{c.applicant.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {maskId(c.applicant.idNumber)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('收件乡镇', 'From'), key: 'intake', width: 110, render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{shortName(nameOf(c.intakeNode))}</span> },
    {
      title: t('状态', 'Status'),
      key: 'status',
      width: 140,
      render: (_, c) => (
        <Space size={4} wrap>
          <Tag color="blue">{lang === 'zh' ? c.status.zh : c.status.en}</Tag>
          {c.withdrawalRequested && <Tag color="orange">{t('申请撤回', 'withdrawal asked')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('环节期限', 'Step due'),
      key: 'step',
      width: 150,
      render: (_, c) =>
        c.stepDeadline ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            <span className="tb-light" style={{ background: LIGHT_COLOR[c.stepLight?.code ?? 'green'] }} />
            {date(c.stepDeadline)}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('办结期限', 'Due'),
      key: 'due',
      width: 110,
      sorter: (a, b) => dueOf(a).localeCompare(dueOf(b)),
      render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{date(c.deadline ?? c.dueDate)}</span>,
    },
  ];

  const stat = (code: LightFilter, zh: string, en: string) => (
    <Col xs={12} md={6} key={code}>
      <Card size="small" hoverable onClick={() => setLight(light === code ? undefined : code)} style={light === code ? { borderColor: '#c0392b' } : undefined} data-testid={`inbox-count-${code}`}>
        <Statistic
          title={
            <span>
              <span className="tb-light" style={{ background: LIGHT_COLOR[code] }} />
              {t(zh, en)}
            </span>
          }
          value={counts[code]}
        />
      </Card>
    </Col>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {stat('red', '红灯（超期）', 'Red (overdue)')}
        {stat('yellow', '黄灯（预警）', 'Yellow (warning)')}
        {stat('green', '绿灯（正常）', 'Green (on time)')}
        {stat('none', '未计时', 'No clock')}
      </Row>
      <Card
        size="small"
        title={t(`待办（${items.length} 件）`, `Inbox (${items.length})`)}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('按时限灯', 'Light')}
              style={{ width: 150 }}
              value={light}
              onChange={setLight}
              data-testid="inbox-filter-light"
              options={[
                { value: 'red', label: t('红灯（超期）', 'red (overdue)') },
                { value: 'yellow', label: t('黄灯（预警）', 'yellow (warning)') },
                { value: 'green', label: t('绿灯（正常）', 'green (on time)') },
                { value: 'none', label: t('未计时', 'no clock') },
              ]}
            />
            <Select allowClear placeholder={t('按状态', 'Status')} style={{ width: 170 }} value={status} onChange={setStatus} data-testid="inbox-filter-status" options={statuses.map((s) => ({ value: s, label: statusLabel(s, lang) }))} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {updatedAt ? t(`更新于 ${dateTime(updatedAt).slice(11)}，每 15 秒刷新`, `updated ${dateTime(updatedAt).slice(11)}, every 15 s`) : ''}
            </Typography.Text>
            <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} data-testid="inbox-refresh">
              {t('刷新', 'Refresh')}
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {page && page.total > page.items.length && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(`共 ${page.total} 件，仅显示最早到期的 ${page.items.length} 件`, `${page.total} cases; the ${page.items.length} due soonest are shown`)} />
        )}
        <Table
          data-testid="inbox-table"
          size="small"
          rowKey="caseNumber"
          loading={!page && loading}
          dataSource={shown}
          columns={columns}
          scroll={{ x: true }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          onRow={(c) => ({ 'data-testid': `inbox-row-${c.caseNumber}`, onClick: () => navigate(`/county/cases/${c.caseNumber}`), style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLTableRowElement>}
          locale={{ emptyText: t('暂无待办办件', 'Nothing waiting') }}
        />
      </Card>
    </Space>
  );
}
