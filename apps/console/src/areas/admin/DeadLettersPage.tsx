import { DeleteOutlined, EyeOutlined, ReloadOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { type Lang, useLang } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { describeTopic, splitEnvelope } from './dead-letter-view';
import type { DeadLetter, Page, ReplayManyResult, ReplayResult, Staff } from './types';

const PAGE_SIZE = 20;
/** Monospace with a Chinese fallback: payloads carry names and messages in Chinese. */
const MONO = "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace, 'Noto Sans SC'";
type StatusFilter = 'parked' | 'replayed' | 'discarded' | 'all';

function statusTag(s: DeadLetter['status'], lang: Lang): ReactNode {
  const zh = { parked: '待处理', replayed: '已重放', discarded: '已丢弃' };
  const en = { parked: 'parked', replayed: 'replayed', discarded: 'discarded' };
  const color = { parked: 'red', replayed: 'green', discarded: 'default' };
  return <Tag color={color[s]}>{(lang === 'zh' ? zh : en)[s]}</Tag>;
}

function outcomeText(r: ReplayResult, lang: Lang): string {
  const zh: Record<string, string> = {
    applied: '已重放并处理',
    duplicate: '此前已处理过，未重复处理',
    stale: '该对象已有更新版本，记为过期，未处理',
    observed: '已重放（监察抄送已记录）',
    ignored: '已重放，本节点无需处理此消息',
    requeued: '已放回发件箱，等待重新发送',
  };
  const en: Record<string, string> = {
    applied: 'replayed and applied',
    duplicate: 'already applied before: not applied twice',
    stale: 'a newer version was applied: recorded as stale',
    observed: 'replayed (observed copy recorded)',
    ignored: 'replayed; this node has nothing to do with it',
    requeued: 'put back in the outbox to be sent again',
  };
  return (lang === 'zh' ? zh : en)[r.outcome ?? 'applied'] ?? r.outcome ?? '';
}

function Json({ value, testid }: { value: unknown; testid: string }) {
  return (
    <pre data-testid={testid} style={{ fontFamily: MONO, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4, padding: 12, margin: 0, maxHeight: 360, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** 死信: messages this node parked, to inspect, replay or discard. */
export function DeadLettersPage() {
  const { t, lang } = useLang();
  const { message, modal } = App.useApp();
  const { node, me } = useSession();
  const self = node?.code ?? me?.node;
  const [status, setStatus] = useState<StatusFilter>('parked');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<DeadLetter>>({ items: [], total: 0 });
  const [parked, setParked] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [open, setOpen] = useState<DeadLetter | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [staff, setStaff] = useState<Map<string, Staff>>(new Map());

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [list, count] = await Promise.all([
        api<Page<DeadLetter>>('/dead-letters', { query: { status: status === 'all' ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }),
        api<Page<DeadLetter>>('/dead-letters', { query: { status: 'parked', limit: 1 } }),
      ]);
      setData(list);
      setParked(count.total);
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.text(lang) : t('无法连接本节点，请稍后重试', 'The node cannot be reached; try again'));
    } finally {
      setLoading(false);
    }
  }, [status, page, lang, t]);

  useEffect(() => {
    void load();
  }, [load]);

  // Who resolved a message is a staff id: shown as the colleague's name and login.
  useEffect(() => {
    api<Page<Staff>>('/staff', { query: { limit: 500 } })
      .then((p) => setStaff(new Map(p.items.map((s) => [s.id, s]))))
      .catch(() => undefined);
  }, []);

  const errorText = (e: unknown) => (e instanceof ApiError ? e.text(lang) : t('无法连接本节点，请稍后重试', 'The node cannot be reached; try again'));

  const inspect = async (d: DeadLetter) => {
    setBusy(`show:${d.id}`);
    try {
      setOpen(await api<DeadLetter>(`/dead-letters/${d.id}`));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const replay = async (d: DeadLetter) => {
    setBusy(`replay:${d.id}`);
    try {
      const r = await api<ReplayResult>(`/dead-letters/${d.id}/replay`, { method: 'POST' });
      if (r.result === 'replayed') message.success(outcomeText(r, lang));
      else message.warning(t(`重放仍失败，消息继续停放：${r.errorCode ?? ''} ${r.error ?? ''}`, `The replay failed again; the message stays parked: ${r.errorCode ?? ''} ${r.error ?? ''}`), 8);
      setOpen(null);
      await load();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const discard = (d: DeadLetter) =>
    modal.confirm({
      title: t('丢弃这条死信？', 'Discard this dead letter?'),
      content: t(
        `丢弃后此消息（${d.type ?? d.topic}）不再处理，也不能再重放；操作记入审计日志。仅在确认此消息无需处理（或已另行处理）时丢弃。`,
        `Once discarded the message (${d.type ?? d.topic}) is never applied nor replayed; the step is audited. Discard only a message that needs no work or was dealt with another way.`,
      ),
      okText: t('丢弃', 'Discard'),
      okButtonProps: { danger: true, 'data-testid': 'dead-letter-discard-confirm' },
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          await api(`/dead-letters/${d.id}/discard`, { method: 'POST' });
          message.success(t('已丢弃', 'Discarded'));
          setOpen(null);
          await load();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const replayAll = () =>
    modal.confirm({
      title: t(`重放全部 ${parked} 条待处理死信？`, `Replay all ${parked} parked dead letters?`),
      content: t(
        '按停放先后逐条重放。每条都经过与首次处理相同的检查，已处理过的消息不会被重复处理；仍失败的继续停放。',
        'They are replayed oldest first, each through the same checks as the first time: a message already applied is never applied twice; one that fails again stays parked.',
      ),
      okText: t('全部重放', 'Replay all'),
      okButtonProps: { 'data-testid': 'dead-letter-replay-all-confirm' },
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          const r = await api<ReplayManyResult>('/dead-letters/replay', { body: {} });
          const text = t(`已重放 ${r.replayed} 条；仍失败 ${r.stillParked} 条；跳过 ${r.skipped} 条`, `Replayed ${r.replayed}; still parked ${r.stillParked}; skipped ${r.skipped}`);
          if (r.stillParked > 0) message.warning(text, 8);
          else message.success(text);
          await load();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const who = (id: string | null) => {
    if (!id) return '—';
    const s = staff.get(id);
    return s ? `${s.name}（${s.login}）` : id;
  };

  const columns: ColumnsType<DeadLetter> = [
    {
      title: t('停放时间 / 状态', 'Parked at / status'),
      dataIndex: 'parkedAt',
      width: 140,
      render: (v: string, d) => (
        <div>
          <div>{dateTime(v)}</div>
          {statusTag(d.status, lang)}
        </div>
      ),
    },
    {
      title: t('主题 / 链路', 'Topic / link'),
      dataIndex: 'topic',
      width: 210,
      render: (topic: string, d) => (
        <Tooltip title={<span style={{ fontFamily: MONO }}>{topic}</span>}>
          <div>
            <Tag color={d.direction === 'outgoing' ? 'purple' : 'blue'}>{d.direction === 'outgoing' ? t('发出', 'outgoing') : t('收到', 'incoming')}</Tag>
            {describeTopic(topic, lang, self)}
          </div>
        </Tooltip>
      ),
    },
    {
      title: t('事件类型 / 发送节点', 'Event type / sender'),
      dataIndex: 'type',
      width: 180,
      render: (v: string | null, d) => (
        <div>
          <div style={{ fontFamily: MONO, fontSize: 12 }}>{v ?? '—'}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.source ? t(`来自 ${d.source}`, `from ${d.source}`) : '—'}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('错误', 'Error'),
      key: 'error',
      width: 240,
      render: (_, d) => (
        <div>
          <Typography.Text code style={{ fontSize: 12 }}>
            {d.errorCode}
          </Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: d.errorMessage }} style={{ margin: 0, fontSize: 12 }}>
            {d.errorMessage}
          </Typography.Paragraph>
        </div>
      ),
    },
    { title: t('尝试', 'Tries'), dataIndex: 'attempts', width: 64, align: 'right' },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: lang === 'zh' ? 200 : 230,
      fixed: 'right',
      render: (_, d) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EyeOutlined />} loading={busy === `show:${d.id}`} onClick={() => void inspect(d)} data-testid="dead-letter-show">
            {t('查看', 'Inspect')}
          </Button>
          {d.status === 'parked' && (
            <>
              <Button type="link" size="small" icon={<RedoOutlined />} loading={busy === `replay:${d.id}`} onClick={() => void replay(d)} data-testid="dead-letter-replay">
                {t('重放', 'Replay')}
              </Button>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={() => discard(d)} data-testid="dead-letter-discard">
                {t('丢弃', 'Discard')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  const empty = (
    <Empty
      data-testid="dead-letter-empty"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div style={{ maxWidth: 560, margin: '0 auto' }}>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {status === 'parked' ? t('没有待处理的死信', 'No parked dead letters') : t('没有符合条件的死信', 'No dead letters here')}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t(
              '死信是本节点无法处理的消息：从上下级节点收到却处理失败的事件，或消息中间件拒收的发出事件。它们在此停放，不会阻塞其后的消息，等待管理员查明原因后重放或丢弃。',
              'A dead letter is a message this node could not deal with: an event from a linked node that failed to apply, or an outgoing event the broker refused. It is parked here without holding up later messages, until an administrator finds the cause and replays or discards it.',
            )}
          </Typography.Paragraph>
        </div>
      }
    />
  );

  const parts = open ? splitEnvelope(open.value) : null;

  return (
    <Card
      title={t('死信', 'Dead letters')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} data-testid="dead-letter-reload">
            {t('刷新', 'Refresh')}
          </Button>
          <Tooltip title={parked === 0 ? t('没有待处理的死信', 'Nothing is parked') : undefined}>
            <Button type="primary" icon={<RedoOutlined />} disabled={parked === 0} onClick={replayAll} data-testid="dead-letter-replay-all">
              {t(`全部重放（${parked}）`, `Replay all (${parked})`)}
            </Button>
          </Tooltip>
        </Space>
      }
    >
      <Segmented<StatusFilter>
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => {
          setPage(1);
          setStatus(v);
        }}
        options={[
          { value: 'parked', label: t(`待处理（${parked}）`, `Parked (${parked})`) },
          { value: 'replayed', label: t('已重放', 'Replayed') },
          { value: 'discarded', label: t('已丢弃', 'Discarded') },
          { value: 'all', label: t('全部', 'All') },
        ]}
        data-testid="dead-letter-filter"
      />
      {loadError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={loadError} />}
      <Table<DeadLetter>
        data-testid="dead-letter-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        locale={{ emptyText: empty }}
        scroll={{ x: lang === 'zh' ? 1034 : 1064 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage, hideOnSinglePage: true }}
      />
      <Drawer
        open={!!open}
        size="large"
        title={open ? t(`死信 ${open.type ?? ''}`, `Dead letter ${open.type ?? ''}`) : ''}
        onClose={() => setOpen(null)}
        destroyOnHidden
        extra={
          open?.status === 'parked' && (
            <Space>
              <Button icon={<RedoOutlined />} type="primary" loading={busy === `replay:${open.id}`} onClick={() => void replay(open)} data-testid="dead-letter-detail-replay">
                {t('重放', 'Replay')}
              </Button>
              <Button icon={<DeleteOutlined />} danger onClick={() => discard(open)} data-testid="dead-letter-detail-discard">
                {t('丢弃', 'Discard')}
              </Button>
            </Space>
          )
        }
      >
        {open && parts && (
          <div data-testid="dead-letter-detail">
            <Alert
              type={open.status === 'parked' ? 'error' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              title={
                <span>
                  {t('停放原因：', 'Why it was parked: ')}
                  <Typography.Text code>{open.errorCode}</Typography.Text>
                </span>
              }
              description={<span style={{ wordBreak: 'break-all' }}>{open.errorMessage}</span>}
            />
            <Descriptions
              size="small"
              column={1}
              bordered
              style={{ marginBottom: 16 }}
              items={[
                { key: 'status', label: t('状态', 'Status'), children: statusTag(open.status, lang) },
                { key: 'topic', label: t('主题 / 链路', 'Topic / link'), children: <span>{describeTopic(open.topic, lang, self)} <Typography.Text code>{open.topic}</Typography.Text></span> },
                {
                  key: 'where',
                  label: open.direction === 'outgoing' ? t('发件箱序号', 'Outbox seq') : t('分区 / 偏移', 'Partition / offset'),
                  children: open.direction === 'outgoing' ? open.offset : `${open.partition} / ${open.offset}`,
                },
                { key: 'type', label: t('事件类型', 'Event type'), children: open.type ?? '—' },
                { key: 'event', label: t('事件编号', 'Event id'), children: open.eventId ?? '—' },
                { key: 'source', label: t('发送节点', 'Sender'), children: open.source ?? '—' },
                { key: 'key', label: t('业务键', 'Key'), children: open.key ?? '—' },
                { key: 'attempts', label: t('尝试次数', 'Attempts'), children: open.attempts },
                { key: 'parked', label: t('停放时间', 'Parked at'), children: dateTime(open.parkedAt) },
                ...(open.resolvedAt
                  ? [{ key: 'resolved', label: t('处理', 'Resolved'), children: `${dateTime(open.resolvedAt)} ${who(open.resolvedBy)}` }]
                  : []),
              ]}
            />
            <Typography.Title level={5}>{t('消息头', 'Headers')}</Typography.Title>
            <Json value={parts.headers ?? t('（未能从消息中读出消息头，见下方原文）', '(no headers could be read from the message: see the value below)')} testid="dead-letter-headers" />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {parts.payload !== undefined ? t('消息内容', 'Payload') : t('消息原文', 'Raw value')}
            </Typography.Title>
            <Json value={parts.payload !== undefined ? parts.payload : open.value} testid="dead-letter-payload" />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              {t('其中的身份证号已脱敏显示；重放使用节点保存的原始消息。', 'Resident IDs in it are shown masked; a replay uses the message as the node keeps it.')}
            </Typography.Paragraph>
          </div>
        )}
      </Drawer>
    </Card>
  );
}
