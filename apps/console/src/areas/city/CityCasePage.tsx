import { AlertOutlined, ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Input, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CaseView } from '../../components/case/CaseView';
import type { CaseDetail } from '../../components/case/types';
import { api, ApiError } from '../../lib/api';
import { dateTime, statusLabel } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { CASE_NUMBER, errorText, LightDot, OrderStatusTag } from './common';
import { IssueOrderModal, OrderDrawer } from './orders';
import type { MonitorRow, Paged, SupervisionOrder } from './types';

/** A case-number box: a whole, well-formed number opens the city's view of the case. */
export function CaseSearch({ width = 320, testId = 'case-search' }: { width?: number; testId?: string }) {
  const { t } = useLang();
  const navigate = useNavigate();
  const [problem, setProblem] = useState(false);
  return (
    <Input.Search
      placeholder={t('输入 27 位办件编号', 'A 27-character case number')}
      enterButton={t('查询', 'Find')}
      allowClear
      status={problem ? 'error' : undefined}
      style={{ width, fontFamily: 'monospace' }}
      onChange={() => setProblem(false)}
      onSearch={(v) => {
        const n = v.trim().toUpperCase();
        if (!n) return;
        if (!CASE_NUMBER.test(n)) setProblem(true);
        else navigate(`/city/cases/${n}`);
      }}
      data-testid={testId}
    />
  );
}

/**
 * 办件监察视图: one case as the city sees it: the monitor's reading (light, holder, days overdue,
 * supervision), the case itself with its time limit and timeline (the city's copy), and its orders.
 */
export function CityCasePage() {
  const { caseNumber = '' } = useParams();
  const { lang, t } = useLang();
  const { has } = useSession();
  const { nameOf } = useNetwork();
  const navigate = useNavigate();
  const [row, setRow] = useState<MonitorRow | null>(null);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [orders, setOrders] = useState<SupervisionOrder[]>([]);
  const [loading, setLoading] = useState(true);
  const [notFound, setNotFound] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [openOrder, setOpenOrder] = useState<string | null>(null);
  const valid = CASE_NUMBER.test(caseNumber);

  const load = useCallback(async () => {
    if (!valid) {
      setLoading(false);
      return;
    }
    setLoading(true);
    setError(null);
    setNotFound(false);
    const [m, d, o] = await Promise.allSettled([
      api<MonitorRow>(`/monitor/cases/${caseNumber}`),
      api<CaseDetail>(`/cases/${caseNumber}`),
      api<Paged<SupervisionOrder>>('/supervision/orders', { query: { caseNumber, limit: 50 } }),
    ]);
    setRow(m.status === 'fulfilled' ? m.value : null);
    setDetail(d.status === 'fulfilled' ? d.value : null);
    setOrders(o.status === 'fulfilled' ? o.value.items : []);
    const failures = [m, d, o].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    if (m.status === 'rejected' && d.status === 'rejected' && failures.every((e) => e instanceof ApiError && e.status === 404)) setNotFound(true);
    else {
      const other = failures.find((e) => !(e instanceof ApiError && e.status === 404));
      if (other !== undefined) setError(errorText(other, lang));
    }
    setLoading(false);
  }, [caseNumber, valid, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const openOne = orders.find((o) => o.status === 'open');
  const canIssue = has('city_coordinator') && row?.live === true && !openOne;

  const header = (
    <Space wrap style={{ marginBottom: 16 }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
        {t('返回', 'Back')}
      </Button>
      <CaseSearch />
      <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} data-testid="case-reload">
        {t('刷新', 'Refresh')}
      </Button>
    </Space>
  );

  if (!valid) {
    return (
      <div>
        {header}
        <Alert type="warning" showIcon title={t(`“${caseNumber}”不是有效的办件编号（27 位：26 位数字加 1 位校验码）`, `"${caseNumber}" is not a case number (27 characters: 26 digits and a check character)`)} />
      </div>
    );
  }

  return (
    <div data-testid="city-case-page">
      {header}
      {loading && !row && !detail && <Spin />}
      {notFound && <Empty description={t(`监察视图中没有办件 ${caseNumber}`, `The monitor has no case ${caseNumber}`)} data-testid="case-not-found" />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      {row && (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          title={t('电子监察', 'Supervision view')}
          data-testid="case-monitor"
          extra={
            has('city_coordinator') && (
              <Button
                type="primary"
                icon={<AlertOutlined />}
                disabled={!canIssue}
                onClick={() => setIssuing(true)}
                data-testid="case-issue-order"
                title={!row.live ? t('已办结', 'closed') : openOne ? t('已有待反馈的督办单', 'an order is open already') : undefined}
              >
                {t('发出督办', 'Issue an order')}
              </Button>
            )
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('时限灯', 'Light')}>
              {/* The case view below carries case-light when the city's copy is read; the monitor's own reading is here. */}
              {row.live ? (
                <LightDot light={row.light} lang={lang} testId={detail ? 'monitor-light' : 'case-light'} />
              ) : (
                <Tag color={row.closedLate ? 'red' : undefined} data-testid={detail ? 'monitor-light' : 'case-light'} data-light="none" data-stopped="true">
                  {row.closedLate ? t('超期办结', 'Closed late') : t('已办结', 'Closed')}
                </Tag>
              )}
              {row.stepLight && row.stepLight !== row.light && (
                <span style={{ marginLeft: 8 }}>
                  {t('环节', 'step')} <LightDot light={row.stepLight} lang={lang} />
                </span>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('当前承办', 'Held by')}>
              {nameOf(row.holder)}
              <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                {row.holder}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('状态', 'Status')}>
              {statusLabel(row.status, lang)}
              {row.paused && <Tag style={{ marginLeft: 6 }}>{t('暂停计时', 'clock paused')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('办结期限', 'Due')}>
              {row.dueOn ?? '—'}
              {row.overdueDays > 0 && (
                <Tag color="red" style={{ marginLeft: 6 }} data-testid="case-overdue">
                  {t(`超期 ${row.overdueDays} 个工作日`, `${row.overdueDays} working days overdue`)}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('事项', 'Matter')}>{row.itemName}</Descriptions.Item>
            <Descriptions.Item label={t('收件 / 受理', 'Received / accepted')}>
              {row.receivedOn} / {row.acceptedOn ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('办结', 'Closed')}>
              {row.closedOn ?? '—'}
              {row.closedLate && (
                <Tag color="red" style={{ marginLeft: 6 }}>
                  {t('超期办结', 'late')}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('督办', 'Supervision')}>
              {row.supervisionRound > 0 ? <Tag color="orange">{t(`第 ${row.supervisionRound} 轮未反馈`, `round ${row.supervisionRound} unanswered`)}</Tag> : t('无待反馈督办', 'none unanswered')}
              {row.flagged && <Tag color="red">{t('列入监察建议', 'flagged')}</Tag>}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}

      {(row || detail) && (
        <Card size="small" style={{ marginBottom: 16 }} title={t('督办单', 'Supervision orders')}>
          <Table<SupervisionOrder>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={orders}
            scroll={{ x: true }}
            data-testid="case-orders"
            locale={{ emptyText: t('本办件没有督办单', 'No order on this case') }}
            onRow={(r) => ({ onClick: () => setOpenOrder(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('轮次', 'Round'), dataIndex: 'round', width: 70 },
              { title: t('发出时间', 'Issued'), dataIndex: 'issuedAt', width: 150, render: (v: string) => <span className="tb-nowrap">{dateTime(v)}</span> },
              { title: t('督办对象', 'To'), dataIndex: 'holder', width: 180, render: (v: string) => nameOf(v) },
              { title: t('内容', 'Content'), dataIndex: 'content', ellipsis: true },
              { title: t('反馈期限', 'Answer by'), dataIndex: 'answerBy', width: 110, render: (v: string) => <span className="tb-nowrap">{v}</span> },
              { title: t('状态', 'Status'), dataIndex: 'status', width: 170, render: (v: SupervisionOrder['status'], r) => <><OrderStatusTag status={v} lang={lang} />{r.flagged && <Tag color="red">{t('监察建议', 'flagged')}</Tag>}</> },
            ]}
          />
        </Card>
      )}

      {detail && <CaseView detail={detail} />}

      <IssueOrderModal
        open={issuing}
        caseNumber={caseNumber}
        onClose={() => setIssuing(false)}
        onIssued={() => {
          setIssuing(false);
          void load();
        }}
      />
      <OrderDrawer id={openOrder} onClose={() => setOpenOrder(null)} onOpen={setOpenOrder} />
    </div>
  );
}
