import { ApiOutlined, CloudServerOutlined, DatabaseOutlined, InboxOutlined, ReloadOutlined, SendOutlined, WarningOutlined, DashboardOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { describeTopic } from './dead-letter-view';
import { duration, metric, parseMetrics } from './metrics';

const REFRESH_MS = 10_000;

type Report = { status: 'up' | 'down'; error?: string } & Record<string, unknown>;

/** GET /health/details (200 when every check is up, 503 with the same body when one is down). */
interface Details {
  status: 'up' | 'down';
  node: string;
  name: string;
  tier: string;
  instance: string;
  uptimeSeconds: number;
  checks: Record<string, Report>;
}

interface ProcessFigures {
  rssBytes?: number;
  heapUsedBytes?: number;
  eventLoopP99Seconds?: number;
  openFds?: number;
  cpuPercent?: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const mb = (b: number | undefined) => (b === undefined ? '—' : `${(b / 1024 / 1024).toFixed(0)} MB`);

function isDetails(v: unknown): v is Details {
  return !!v && typeof v === 'object' && 'checks' in v && typeof (v as Details).checks === 'object';
}

/** One status card: the check's state (up, down, or up with something to look at) and its figures. */
function CheckCard({ name, title, icon, report, warning, children, extra }: { name: string; title: string; icon: ReactNode; report: Report | undefined; warning?: string | null; children: ReactNode; extra?: ReactNode }) {
  const { t } = useLang();
  const down = !report || report.status !== 'up';
  const state = down ? 'error' : warning ? 'warning' : 'success';
  const label = down ? t('异常', 'down') : warning ? t('需关注', 'attention') : t('正常', 'up');
  return (
    <Card
      size="small"
      data-testid={`health-card-${name}`}
      style={{ height: '100%', borderTop: `3px solid ${down ? '#f5222d' : warning ? '#faad14' : '#52c41a'}` }}
      title={
        <Space>
          {icon}
          {title}
        </Space>
      }
      extra={
        <Space>
          {extra}
          <Badge status={state} text={label} data-testid={`health-status-${name}`} />
        </Space>
      }
    >
      {down && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={report ? String(report.error ?? report.lagError ?? report.lastError ?? t('检查未通过', 'The check failed')) : t('节点未报告此项', 'The node did not report this check')}
        />
      )}
      {!down && warning && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={warning} />}
      {children}
    </Card>
  );
}

function Figures({ items }: { items: Array<{ key: string; label: string; value: ReactNode }> }) {
  return <Descriptions size="small" column={1} items={items.map((i) => ({ key: i.key, label: i.label, children: i.value }))} styles={{ label: { width: 150 } }} />;
}

/** 节点状态: what the node checks, refreshed every 10 s, for its administrators. */
export function HealthPage() {
  const { t, lang } = useLang();
  const zh = lang === 'zh';
  const navigate = useNavigate();
  const [details, setDetails] = useState<Details | null>(null);
  const [checkedAt, setCheckedAt] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [proc, setProc] = useState<ProcessFigures | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const lastCpu = useRef<{ at: number; seconds: number } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setDetails(await api<Details>('/health/details'));
      setFailure(null);
    } catch (e) {
      if (e instanceof ApiError && isDetails(e.body)) {
        setDetails(e.body);
        setFailure(null);
      } else {
        setFailure(e instanceof ApiError ? e.text(lang) : t('本节点无应答；显示的是上次的结果', 'The node does not answer; the figures are from the last answer'));
      }
    }
    setCheckedAt(Date.now());
    // A few process figures from /metrics (Prometheus text); the card stays away if it cannot be read.
    try {
      const samples = parseMetrics(await (await api<Blob>('/metrics', { blob: true })).text());
      const cpu = metric(samples, 'tongban_process_cpu_seconds_total');
      const at = Date.now();
      let cpuPercent: number | undefined;
      if (cpu !== undefined && lastCpu.current && at > lastCpu.current.at) cpuPercent = ((cpu - lastCpu.current.seconds) / ((at - lastCpu.current.at) / 1000)) * 100;
      if (cpu !== undefined) lastCpu.current = { at, seconds: cpu };
      const figures: ProcessFigures = {
        rssBytes: metric(samples, 'tongban_process_resident_memory_bytes'),
        heapUsedBytes: metric(samples, 'tongban_nodejs_heap_size_used_bytes'),
        eventLoopP99Seconds: metric(samples, 'tongban_nodejs_eventloop_lag_p99_seconds'),
        openFds: metric(samples, 'tongban_process_open_fds'),
        cpuPercent,
      };
      setProc(Object.values(figures).some((v) => v !== undefined) ? figures : null);
    } catch {
      setProc(null);
    }
    setLoading(false);
  }, [lang, t]);

  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(id);
  }, [load]);

  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  const c = details?.checks ?? {};
  const db = c.database;
  const kafka = c.kafka;
  const consumer = c.consumer;
  const outbox = c.outbox;
  const dead = c.deadLetters;
  const known = new Set(['database', 'kafka', 'consumer', 'outbox', 'deadLetters']);
  const others = Object.entries(c).filter(([k]) => !known.has(k));

  const lag = (consumer?.lag ?? {}) as Record<string, number>;
  const totalLag = Object.values(lag).reduce((s, v) => s + (num(v) ?? 0), 0);
  const deadParked = num(dead?.parked) ?? 0;
  const outboxParked = num(outbox?.parked) ?? 0;
  const oldest = num(outbox?.oldestUnpublishedAgeSeconds) ?? 0;
  const kafkaAge = num(kafka?.ageSeconds);
  const ago = checkedAt ? Math.max(0, Math.round((now - checkedAt) / 1000)) : null;

  const yesNo = (v: unknown) => (v ? t('是', 'yes') : t('否', 'no'));
  const outboxWarning =
    outboxParked > 0
      ? t(`${outboxParked} 条发出事件被消息中间件拒收，已停放（见死信）`, `${outboxParked} outgoing events were refused by the broker and parked (see dead letters)`)
      : oldest > 60
        ? t(`最早的未发送事件已等待 ${duration(oldest, true)}`, `The oldest unsent event has waited ${duration(oldest, false)}`)
        : null;

  return (
    <div>
      <Card
        style={{ marginBottom: 16 }}
        data-testid="health-summary"
        title={
          <Space>
            <Badge status={details ? (details.status === 'up' ? 'success' : 'error') : 'default'} />
            {t('节点状态', 'Node health')}
            {details && <Tag color={details.status === 'up' ? 'green' : 'red'}>{details.status === 'up' ? t('全部正常', 'all up') : t('存在异常', 'something is down')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <Typography.Text type="secondary" data-testid="health-checked-at">
              {checkedAt
                ? t(`最近检查：${dateTime(new Date(checkedAt).toISOString())}（${ago} 秒前）· 每 10 秒自动刷新`, `Last checked ${dateTime(new Date(checkedAt).toISOString())} (${ago} s ago) · refreshed every 10 s`)
                : t('正在检查…', 'Checking…')}
            </Typography.Text>
            <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} data-testid="health-reload">
              {t('立即刷新', 'Refresh now')}
            </Button>
          </Space>
        }
      >
        {failure && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={failure} data-testid="health-failure" />}
        {details && (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 4 }}
            items={[
              { key: 'name', label: t('节点', 'Node'), children: `${details.name}（${details.node}）` },
              { key: 'instance', label: t('实例', 'Instance'), children: details.instance },
              { key: 'uptime', label: t('已运行', 'Up for'), children: duration(details.uptimeSeconds, zh) },
              { key: 'tier', label: t('层级', 'Tier'), children: { city: t('市级', 'city'), county: t('县级', 'county'), township: t('乡镇', 'township') }[details.tier] ?? details.tier },
            ]}
          />
        )}
      </Card>
      {details && (
        <Row gutter={[16, 16]} data-testid="health-cards">
          <Col xs={24} md={12} xl={6}>
            <CheckCard name="database" title={t('数据库', 'Database')} icon={<DatabaseOutlined />} report={db}>
              <Figures items={[{ key: 'latency', label: t('查询耗时', 'Query time'), value: num(db?.latencyMs) !== undefined ? `${num(db?.latencyMs)} ms` : '—' }]} />
            </CheckCard>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <CheckCard
              name="kafka"
              title={t('消息中间件', 'Kafka')}
              icon={<ApiOutlined />}
              report={kafka}
              warning={kafkaAge !== undefined && kafkaAge > 5 ? t(`上次应答已是 ${kafkaAge} 秒前`, `Its last answer is ${kafkaAge} s old`) : null}
            >
              <Figures
                items={[
                  { key: 'brokers', label: t('可用代理数', 'Brokers'), value: num(kafka?.brokers) ?? '—' },
                  { key: 'age', label: t('上次应答', 'Last answer'), value: kafkaAge !== undefined ? t(`${kafkaAge} 秒前`, `${kafkaAge} s ago`) : '—' },
                  { key: 'cluster', label: t('集群', 'Cluster'), value: <Typography.Text style={{ fontSize: 12 }}>{String(kafka?.clusterId ?? '—')}</Typography.Text> },
                ]}
              />
            </CheckCard>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <CheckCard name="outbox" title={t('发件箱', 'Outbox')} icon={<SendOutlined />} report={outbox} warning={outboxWarning}>
              <Figures
                items={[
                  { key: 'backlog', label: t('待发送', 'Backlog'), value: <span data-testid="health-outbox-backlog">{num(outbox?.backlog) ?? '—'}</span> },
                  { key: 'oldest', label: t('最早未发送', 'Oldest unsent'), value: num(outbox?.backlog) ? duration(oldest, zh) : '—' },
                  { key: 'parked', label: t('拒收停放', 'Parked'), value: outboxParked },
                  { key: 'relaying', label: t('本实例负责发送', 'This instance relays'), value: yesNo(outbox?.relaying) },
                  { key: 'published', label: t('本实例已发送', 'Sent by this instance'), value: num(outbox?.published) ?? '—' },
                ]}
              />
            </CheckCard>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <CheckCard
              name="deadLetters"
              title={t('死信', 'Dead letters')}
              icon={<WarningOutlined />}
              report={dead}
              warning={deadParked > 0 ? t(`${deadParked} 条消息待处理`, `${deadParked} messages wait for an administrator`) : null}
            >
              <Figures items={[{ key: 'parked', label: t('待处理', 'Parked'), value: <span data-testid="health-dead-letters-parked">{deadParked}</span> }]} />
              <Button size="small" style={{ marginTop: 8 }} onClick={() => navigate('/admin/dead-letters')} data-testid="health-open-dead-letters">
                {t('查看死信', 'Open dead letters')}
              </Button>
            </CheckCard>
          </Col>
          <Col xs={24} xl={proc ? 16 : 24}>
            <CheckCard
              name="consumer"
              title={t('消息消费', 'Consumer')}
              icon={<InboxOutlined />}
              report={consumer}
              warning={consumer?.lagError ? String(consumer.lagError) : null}
              extra={<Tag>{String(consumer?.state ?? '—')}</Tag>}
            >
              <Descriptions
                size="small"
                column={{ xs: 2, md: 4 }}
                style={{ marginBottom: 12 }}
                items={[
                  { key: 'lag', label: t('积压合计', 'Total lag'), children: <span data-testid="health-consumer-lag">{totalLag}</span> },
                  { key: 'applied', label: t('已处理', 'Applied'), children: num(consumer?.applied) ?? '—' },
                  { key: 'duplicates', label: t('重复（未重复处理）', 'Duplicates'), children: num(consumer?.duplicates) ?? '—' },
                  { key: 'stale', label: t('过期', 'Stale'), children: num(consumer?.stale) ?? '—' },
                  { key: 'parked', label: t('转为死信', 'Parked'), children: num(consumer?.parked) ?? '—' },
                  { key: 'retries', label: t('重试', 'Retries'), children: num(consumer?.retries) ?? '—' },
                  { key: 'waits', label: t('等待基础设施', 'Infrastructure waits'), children: num(consumer?.infrastructureWaits) ?? '—' },
                  { key: 'age', label: t('积压数据时间', 'Lag read'), children: num(consumer?.lagAgeSeconds) !== undefined ? t(`${num(consumer?.lagAgeSeconds)} 秒前`, `${num(consumer?.lagAgeSeconds)} s ago`) : '—' },
                ]}
              />
              <Table
                size="small"
                rowKey="topic"
                pagination={false}
                data-testid="health-consumer-topics"
                scroll={{ x: true }}
                dataSource={Object.entries(lag).map(([topic, n]) => ({ topic, n }))}
                columns={[
                  { title: t('订阅主题', 'Topic'), dataIndex: 'topic', render: (topic: string) => <span>{describeTopic(topic, lang, details.node)}</span> },
                  { title: t('主题名', 'Name'), dataIndex: 'topic', key: 'name', render: (topic: string) => <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{topic}</Typography.Text> },
                  { title: t('积压', 'Lag'), dataIndex: 'n', width: 80, align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="warning" strong>{n}</Typography.Text> : n) },
                ]}
              />
            </CheckCard>
          </Col>
          {proc && (
            <Col xs={24} xl={8}>
              <CheckCard name="process" title={t('进程', 'Process')} icon={<DashboardOutlined />} report={{ status: 'up' }}>
                <Figures
                  items={[
                    { key: 'cpu', label: t('CPU（近 10 秒）', 'CPU (last 10 s)'), value: proc.cpuPercent !== undefined ? `${proc.cpuPercent.toFixed(1)}%` : t('下次刷新后显示', 'after the next refresh') },
                    { key: 'rss', label: t('常驻内存', 'Resident memory'), value: mb(proc.rssBytes) },
                    { key: 'heap', label: t('堆内存（已用）', 'Heap used'), value: mb(proc.heapUsedBytes) },
                    { key: 'loop', label: t('事件循环延迟 p99', 'Event loop lag p99'), value: proc.eventLoopP99Seconds !== undefined ? `${(proc.eventLoopP99Seconds * 1000).toFixed(1)} ms` : '—' },
                    { key: 'fds', label: t('打开的文件', 'Open files'), value: proc.openFds ?? '—' },
                  ]}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('来自 /metrics', 'From /metrics')}
                </Typography.Text>
              </CheckCard>
            </Col>
          )}
          {others.map(([name, r]) => (
            <Col key={name} xs={24} md={12} xl={8}>
              <CheckCard name={name} title={name} icon={<CloudServerOutlined />} report={r}>
                <Figures
                  items={Object.entries(r)
                    .filter(([k, v]) => k !== 'status' && (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'))
                    .map(([k, v]) => ({ key: k, label: k, value: typeof v === 'boolean' ? yesNo(v) : String(v) }))}
                />
              </CheckCard>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
