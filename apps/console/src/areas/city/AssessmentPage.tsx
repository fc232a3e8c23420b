import { ArrowDownOutlined, ArrowUpOutlined, CalculatorOutlined, FileExcelOutlined, FilePdfOutlined, LockOutlined, MinusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Result, Row, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, download } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang, type Lang } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { beijingDay, errorText, percent } from './common';
import { EChart } from './EChart';
import type { MonthlyReport, RankedCentre, Recomputation } from './types';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Short English names of the index parts for the radar's corners. */
const PART_EN: Record<string, string> = { onTime: 'on time', speed: 'speed', satisfaction: 'satisfaction', supervision: 'supervision', rectification: 'rectification', complaints: 'complaints' };

/** The month now in Beijing (YYYY-MM). */
function thisMonth(): string {
  return beijingDay().slice(0, 7);
}

/** Rank against last month: up (better), down, level, or new to the ranking. */
export function RankChange({ rank, previous, lang }: { rank: number; previous: number | null; lang: Lang }) {
  if (previous === null) return <Tag data-change="new">{lang === 'zh' ? '新' : 'new'}</Tag>;
  const d = previous - rank;
  if (d > 0)
    return (
      <span style={{ color: '#389e0d', whiteSpace: 'nowrap' }} data-change="up">
        <ArrowUpOutlined /> {d}
      </span>
    );
  if (d < 0)
    return (
      <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }} data-change="down">
        <ArrowDownOutlined /> {-d}
      </span>
    );
  return (
    <span style={{ color: '#8c8c8c' }} data-change="level">
      <MinusOutlined />
    </span>
  );
}

function rankingColumns(t: (zh: string, en: string) => string, lang: Lang): ColumnsType<RankedCentre> {
  return [
    { title: t('名次', 'Rank'), dataIndex: 'rank', width: 56, align: 'center', render: (v: number) => <strong>{v}</strong> },
    { title: t('中心', 'Centre'), key: 'name', render: (_: unknown, r) => <span style={{ whiteSpace: 'nowrap' }}>{r.figures.name}</span> },
    { title: t('效能指数', 'Index'), dataIndex: 'index', width: 86, align: 'right', render: (v: number) => <strong>{v.toFixed(2)}</strong> },
    {
      title: t('上月名次', 'Last month'),
      dataIndex: 'previousRank',
      width: 84,
      align: 'center',
      render: (v: number | null, r) => (v === null ? '—' : <Tooltip title={r.previousIndex === null ? undefined : t(`上月指数 ${r.previousIndex.toFixed(2)}`, `index ${r.previousIndex.toFixed(2)} last month`)}>{v}</Tooltip>),
    },
    { title: t('变化', 'Change'), key: 'change', width: 64, align: 'center', render: (_: unknown, r) => <RankChange rank={r.rank} previous={r.previousRank} lang={lang} /> },
  ];
}

function shortName(name: string): string {
  return name.replace(/(政务服务中心|便民服务中心|市民大厅|服务中心)$/, '') || name;
}

function days(v: number | null): string {
  return v === null ? '—' : v.toFixed(1);
}

/**
 * 月度效能考核: a month's ranking of the counties and of each county's townships, the index of every
 * centre with its six parts, the figures, the late cases; the report as PDF and workbook; closing the
 * month and recomputing it from the event log.
 */
export function AssessmentPage() {
  const { lang, t } = useLang();
  const { has } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const month = MONTH.test(params.get('month') ?? '') ? params.get('month')! : thisMonth();
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | 'close' | 'recompute' | null>(null);
  const [chosen, setChosen] = useState<string | undefined>();

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setReport(await api<MonthlyReport>(`/assessment/months/${month}`));
    } catch (e) {
      setReport(null);
      setError(errorText(e, lang));
    } finally {
      setLoading(false);
    }
  }, [month, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  // The node's month (from the report it computed) may be ahead of this browser's clock: either may be picked.
  const serverMonth = report ? beijingDay(new Date(report.generatedAt)).slice(0, 7) : thisMonth();
  const latestMonth = serverMonth > thisMonth() ? serverMonth : thisMonth();
  const ranked = useMemo(() => (report ? [...report.counties, ...report.townships.flatMap((g) => g.ranked)] : []), [report]);
  const everyone = useMemo(() => (report ? [...(report.city ? [report.city] : []), ...ranked] : []), [report, ranked]);
  const centre = everyone.find((c) => c.figures.node === chosen) ?? report?.counties[0] ?? everyone[0];

  const indexOption = useMemo(() => {
    const bars = report ? [...report.counties.map((c) => ({ c, county: true })), ...report.townships.flatMap((g) => g.ranked.map((c) => ({ c, county: false })))] : [];
    return {
      grid: { left: 40, right: 16, top: 36, bottom: 56 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [t('县（区）', 'Counties'), t('乡镇（街道）', 'Townships')] },
      xAxis: { type: 'category', data: bars.map((b) => shortName(b.c.figures.name)), axisLabel: { interval: 0, rotate: bars.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          name: t('县（区）', 'Counties'),
          type: 'bar',
          stack: 'i',
          barMaxWidth: 36,
          data: bars.map((b) => (b.county ? b.c.index : '-')),
          itemStyle: { color: '#c0392b' },
          label: { show: true, position: 'top', formatter: (p: { value: number }) => (typeof p.value === 'number' ? p.value.toFixed(1) : '') },
        },
        {
          name: t('乡镇（街道）', 'Townships'),
          type: 'bar',
          stack: 'i',
          barMaxWidth: 36,
          data: bars.map((b) => (b.county ? '-' : b.c.index)),
          itemStyle: { color: '#3b8eea' },
          label: { show: true, position: 'top', formatter: (p: { value: number }) => (typeof p.value === 'number' ? p.value.toFixed(1) : '') },
        },
      ],
    };
  }, [report, t]);

  const partsOption = useMemo(() => {
    if (!centre) return {};
    const avg = centre.parts.map((p) => {
      const scores = everyone.map((c) => c.parts.find((x) => x.code === p.code)?.score ?? 0);
      return Math.round((scores.reduce((a, b) => a + b, 0) / Math.max(scores.length, 1)) * 100) / 100;
    });
    return {
      tooltip: {},
      legend: { bottom: 0, data: [shortName(centre.figures.name), t('全部中心平均', 'Average of all centres')] },
      radar: {
        radius: '62%',
        center: ['50%', '48%'],
        indicator: centre.parts.map((p) => ({ name: `${lang === 'zh' ? p.labelZh.replace(/（.*）/, '') : (PART_EN[p.code] ?? p.code)}\n${p.weight}%`, max: 100 })),
      },
      series: [
        {
          type: 'radar',
          data: [
            { name: shortName(centre.figures.name), value: centre.parts.map((p) => p.score), areaStyle: { opacity: 0.25 }, itemStyle: { color: '#c0392b' } },
            { name: t('全部中心平均', 'Average of all centres'), value: avg, lineStyle: { type: 'dashed' }, itemStyle: { color: '#8c8c8c' } },
          ],
        },
      ],
    };
  }, [centre, everyone, lang, t]);

  const file = async (kind: 'pdf' | 'xlsx') => {
    setBusy(kind);
    try {
      await download(`/assessment/months/${month}/report.${kind}`, `效能月度通报-${month}.${kind}`);
      message.success(t('已开始下载', 'Download started'));
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  };

  const close = () =>
    modal.confirm({
      title: t(`确认关账 ${month}？`, `Close ${month}?`),
      content: t('关账后本月的指标、指数和排名将被冻结，不再改变。', "Once closed, the month's figures, indexes and ranking are frozen and never change again."),
      okText: t('关账', 'Close the month'),
      cancelText: t('取消', 'Cancel'),
      okButtonProps: { danger: true, 'data-testid': 'assessment-close-confirm' },
      onOk: async () => {
        setBusy('close');
        setError(null);
        try {
          await api(`/assessment/months/${month}/close`, { method: 'POST' });
          message.success(t(`${month} 已关账`, `${month} is closed`));
          await load();
        } catch (e) {
          const text = errorText(e, lang);
          setError(text);
          message.error(text);
        } finally {
          setBusy(null);
        }
      },
    });

  const recompute = async () => {
    setBusy('recompute');
    try {
      const r = await api<Recomputation>(`/assessment/months/${month}/recompute`, { method: 'POST' });
      const nameOf = (code: string) => everyone.find((c) => c.figures.node === code)?.figures.name ?? code;
      modal.info({
        width: 760,
        title: t(`${month} 重新核算`, `${month} recomputed`),
        content: (
          <div data-testid="recompute-result" data-equal={String(r.equal)}>
            {r.equal ? (
              <Result
                status="success"
                style={{ padding: 12 }}
                title={r.comparedWith === 'frozen' ? t('与关账时冻结的指标完全一致', 'Equal to the figures frozen at the closing') : t('与当前计算的指标完全一致', 'Equal to the figures computed now')}
              />
            ) : (
              <>
                <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(`有 ${r.differences.length} 处不一致`, `${r.differences.length} differences`)} />
                <Table
                  size="small"
                  rowKey={(d) => `${d.node}/${d.field}`}
                  pagination={false}
                  scroll={{ x: true, y: 300 }}
                  dataSource={r.differences}
                  columns={[
                    { title: t('中心', 'Centre'), dataIndex: 'node', render: (v: string) => nameOf(v) },
                    { title: t('指标', 'Figure'), dataIndex: 'field' },
                    { title: r.comparedWith === 'frozen' ? t('冻结值', 'Frozen') : t('当前值', 'Now'), dataIndex: 'stored', render: (v: unknown) => JSON.stringify(v) },
                    { title: t('重算值', 'Recomputed'), dataIndex: 'recomputed', render: (v: unknown) => JSON.stringify(v) },
                  ]}
                />
              </>
            )}
            <Descriptions size="small" column={2} style={{ marginTop: 12 }} title={t('读取情况', 'What was read')}>
              <Descriptions.Item label={t('链路消息', 'Link messages')}>{r.read.messages}</Descriptions.Item>
              <Descriptions.Item label={t('办件事件', 'Case steps')}>{r.read.caseSteps}</Descriptions.Item>
              <Descriptions.Item label={t('督办 / 反馈', 'Orders / answers')}>
                {r.read.orders} / {r.read.answers}
              </Descriptions.Item>
              <Descriptions.Item label={t('整改 / 投诉', 'Rectifications / complaints')}>
                {r.read.rectifications} / {r.read.complaints}
              </Descriptions.Item>
              <Descriptions.Item label={t('关账后事件（未计入）', 'After the closing (not used)')}>{r.read.afterClose}</Descriptions.Item>
              <Descriptions.Item label={t('取自市级库', 'From the city’s tables')}>
                {t(`办件 ${r.read.fromCity.cases}，督办 ${r.read.fromCity.orders}，整改 ${r.read.fromCity.rectifications}，投诉 ${r.read.fromCity.complaints}`, `cases ${r.read.fromCity.cases}, orders ${r.read.fromCity.orders}, rectifications ${r.read.fromCity.rectifications}, complaints ${r.read.fromCity.complaints}`)}
              </Descriptions.Item>
              {Object.keys(r.read.refused).length > 0 && (
                <Descriptions.Item label={t('拒收', 'Refused')} span={2}>
                  {Object.entries(r.read.refused)
                    .map(([k, v]) => `${k} ${v}`)
                    .join('；')}
                </Descriptions.Item>
              )}
            </Descriptions>
          </div>
        ),
      });
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  };

  const figureColumns: ColumnsType<RankedCentre> = [
    { title: t('中心', 'Centre'), key: 'name', fixed: 'left', width: 170, render: (_: unknown, r) => <span style={{ paddingLeft: r.figures.tier === 'township' ? 12 : 0 }}>{r.figures.name}</span> },
    { title: t('效能指数', 'Index'), dataIndex: 'index', width: 84, align: 'right', render: (v: number) => <strong>{v.toFixed(2)}</strong> },
    { title: t('收件', 'Received'), key: 'received', width: 64, align: 'right', render: (_: unknown, r) => r.figures.received },
    { title: t('办结', 'Decided'), key: 'decided', width: 64, align: 'right', render: (_: unknown, r) => r.figures.decided },
    { title: t('按时 / 超期', 'On time / late'), key: 'onTime', width: 96, align: 'right', render: (_: unknown, r) => `${r.figures.onTime} / ${r.figures.late}` },
    { title: t('按时办结率', 'On-time rate'), key: 'onTimeRate', width: 96, align: 'right', render: (_: unknown, r) => percent(r.figures.onTimeRate) },
    { title: t('平均用时 / 承诺', 'Days used / committed'), key: 'days', width: 130, align: 'right', render: (_: unknown, r) => `${days(r.figures.avgDaysUsed)} / ${days(r.figures.avgDaysCommitted)}` },
    { title: t('评价数', 'Ratings'), key: 'ratings', width: 70, align: 'right', render: (_: unknown, r) => r.figures.ratingsTotal },
    { title: t('差评率', 'Poor share'), key: 'poor', width: 80, align: 'right', render: (_: unknown, r) => percent(r.figures.poorShare) },
    { title: t('整改 按时/应评/生成', 'Rectif. in time/due/opened'), key: 'rect', width: 150, align: 'right', render: (_: unknown, r) => `${r.figures.rectificationsAnsweredInTime} / ${r.figures.rectificationsDue} / ${r.figures.rectificationsOpened}` },
    { title: t('督办 按时/应评/收到', 'Orders in time/due/received'), key: 'orders', width: 150, align: 'right', render: (_: unknown, r) => `${r.figures.ordersAnsweredInTime} / ${r.figures.ordersDue} / ${r.figures.ordersReceived}` },
    { title: t('监察建议', 'Flagged'), key: 'flagged', width: 80, align: 'right', render: (_: unknown, r) => r.figures.ordersFlagged },
    { title: t('投诉 成立/收到', 'Complaints upheld/received'), key: 'complaints', width: 120, align: 'right', render: (_: unknown, r) => `${r.figures.complaintsUpheld} / ${r.figures.complaintsReceived}` },
  ];

  const figuresRows = report ? [...(report.city ? [report.city] : []), ...report.counties.flatMap((c) => [c, ...(report.townships.find((g) => g.county === c.figures.node)?.ranked ?? [])])] : [];
  const listed = new Set(figuresRows.map((r) => r.figures.node));
  const orphans = ranked.filter((r) => !listed.has(r.figures.node));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="assessment-page">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              disabledDate={(d: Dayjs) => d.format('YYYY-MM') > latestMonth}
              onChange={(d) => d && setParams({ month: d.format('YYYY-MM') }, { replace: true })}
              data-testid="assessment-month"
            />
            {report && (
              <Tag color={report.status === 'closed' ? 'green' : 'gold'} icon={report.status === 'closed' ? <LockOutlined /> : undefined} data-testid="assessment-status" data-status={report.status}>
                {report.status === 'closed' ? t(`已关账 ${dateTime(report.closedAt)}`, `Closed ${dateTime(report.closedAt)}`) : t('草稿：尚未关账', 'Draft: not closed')}
              </Tag>
            )}
            {report && (
              <Typography.Text type="secondary">
                <Tooltip title={t('查看权重', 'See the weights')}>
                  <Typography.Link onClick={() => navigate('/city/assessment/weights')}>{t(`权重第 ${report.weightsVersion} 版`, `weights v${report.weightsVersion}`)}</Typography.Link>
                </Tooltip>
                {' · '}
                {t(`生成于 ${dateTime(report.generatedAt)}`, `computed ${dateTime(report.generatedAt)}`)}
              </Typography.Text>
            )}
          </Space>
          <Space wrap>
            <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} disabled={!report} onClick={() => void file('pdf')} data-testid="assessment-pdf">
              {t('下载通报 PDF', 'Report PDF')}
            </Button>
            <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={!report} onClick={() => void file('xlsx')} data-testid="assessment-xlsx">
              {t('下载 Excel', 'Workbook')}
            </Button>
            <Button icon={<CalculatorOutlined />} loading={busy === 'recompute'} disabled={!report} onClick={() => void recompute()} data-testid="assessment-recompute">
              {t('重新核算', 'Recompute')}
            </Button>
            {has('city_coordinator') && (
              <Button type="primary" danger icon={<LockOutlined />} loading={busy === 'close'} disabled={!report || report.status === 'closed'} onClick={close} data-testid="assessment-close">
                {t('关账', 'Close the month')}
              </Button>
            )}
          </Space>
        </Space>
      </Card>

      {error && <Alert type="error" showIcon closable title={error} data-testid="assessment-error" onClose={() => setError(null)} />}
      {loading && !report && <Spin />}

      {report && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={11}>
              <Card size="small" title={t('县（区）排名', 'County ranking')} style={{ height: '100%' }}>
                <Table<RankedCentre> size="small" rowKey={(r) => r.figures.node} pagination={false} dataSource={report.counties} columns={rankingColumns(t, lang)} scroll={{ x: true }} data-testid="county-ranking" locale={{ emptyText: <Empty /> }} />
              </Card>
            </Col>
            <Col xs={24} xl={13}>
              <Card size="small" title={t('效能综合指数', 'Efficiency index')} style={{ height: '100%' }}>
                <EChart option={indexOption} style={{ height: 300 }} testId="index-chart" />
              </Card>
            </Col>
          </Row>

          <Row gutter={[16, 16]}>
            {report.townships.map((g) => (
              <Col key={g.county} xs={24} xl={12}>
                <Card size="small" title={t(`${g.countyName}：乡镇（街道）排名`, `${g.countyName}: township ranking`)}>
                  <Table<RankedCentre> size="small" rowKey={(r) => r.figures.node} pagination={false} dataSource={g.ranked} columns={rankingColumns(t, lang)} scroll={{ x: true }} data-testid={`township-ranking-${g.county}`} />
                </Card>
              </Col>
            ))}
          </Row>

          {centre && (
            <Card
              size="small"
              title={t('指数构成', 'How the index is made')}
              extra={
                <Select
                  style={{ width: 240 }}
                  value={centre.figures.node}
                  onChange={setChosen}
                  options={everyone.map((c) => ({ value: c.figures.node, label: `${c.figures.name}（${c.index.toFixed(2)}）` }))}
                  data-testid="parts-centre"
                />
              }
            >
              <Row gutter={16}>
                <Col xs={24} xl={10}>
                  <EChart option={partsOption} style={{ height: 320 }} testId="parts-chart" />
                </Col>
                <Col xs={24} xl={14}>
                  <Table
                    size="small"
                    rowKey="code"
                    pagination={false}
                    dataSource={centre.parts}
                    scroll={{ x: true }}
                    data-testid="parts-table"
                    columns={[
                      { title: t('指标', 'Part'), dataIndex: 'labelZh', render: (_: string, p) => (lang === 'zh' ? p.labelZh : p.labelEn) },
                      {
                        title: t('取值', 'Value'),
                        dataIndex: 'value',
                        width: 90,
                        align: 'right',
                        render: (v: number | null, p) => (v === null ? <Typography.Text type="secondary">{t('无', 'none')}</Typography.Text> : p.code === 'complaints' ? t(`${v} 件`, String(v)) : percent(v)),
                      },
                      { title: t('得分', 'Score'), dataIndex: 'score', width: 80, align: 'right', render: (v: number) => v.toFixed(1) },
                      { title: t('权重', 'Weight'), dataIndex: 'weight', width: 70, align: 'right', render: (v: number) => `${v}%` },
                      { title: t('计分', 'Points'), dataIndex: 'points', width: 80, align: 'right', render: (v: number) => <strong>{v.toFixed(2)}</strong> },
                    ]}
                    summary={() => (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0} colSpan={4}>
                          <strong>{t('效能综合指数', 'Index')}</strong>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={4} align="right">
                          <strong data-testid="parts-index">{centre.index.toFixed(2)}</strong>
                        </Table.Summary.Cell>
                      </Table.Summary.Row>
                    )}
                  />
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
                    {t('无可计量事项的指标按满分计；督办响应每件列入监察建议的扣 25 分，有效投诉每件扣 20 分。', 'A part with nothing to measure scores full marks; supervision loses 25 per flagged order, complaints 20 per upheld complaint.')}
                  </Typography.Paragraph>
                </Col>
              </Row>
            </Card>
          )}

          <Card size="small" title={t('各中心指标', 'Every centre’s figures')}>
            <Table<RankedCentre> size="small" rowKey={(r) => r.figures.node} pagination={false} dataSource={[...figuresRows, ...orphans]} columns={figureColumns} scroll={{ x: 'max-content' }} data-testid="figures-table" />
          </Card>

          <Card size="small" title={t(`超期办件（${report.lateCases.length}）`, `Late cases (${report.lateCases.length})`)}>
            <Table
              size="small"
              rowKey="caseNumber"
              dataSource={report.lateCases}
              pagination={report.lateCases.length > 10 ? { pageSize: 10 } : false}
              scroll={{ x: true }}
              data-testid="late-cases"
              onRow={(r) => ({ onClick: () => navigate(`/city/cases/${r.caseNumber}`), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('办件编号', 'Case number'), dataIndex: 'caseNumber', width: 250, render: (v: string) => <Typography.Link className="tb-case-no">{v}</Typography.Link> },
                { title: t('事项', 'Matter'), dataIndex: 'itemName', width: 200, ellipsis: true },
                { title: t('审批中心', 'Deciding'), dataIndex: 'decidingNode', width: 170, render: (v: string) => everyone.find((c) => c.figures.node === v)?.figures.name ?? v },
                { title: t('期限', 'Due'), dataIndex: 'dueOn', width: 105, render: (v: string) => <span className="tb-nowrap">{v}</span> },
                { title: t('办结', 'Closed'), dataIndex: 'closedOn', width: 105, render: (v: string | null) => v ?? <Tag color="red">{t('仍在办', 'still live')}</Tag> },
                { title: t('超期', 'Overdue'), dataIndex: 'overdueDays', width: 100, render: (v: number) => t(`${v} 个工作日`, `${v} working days`) },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

