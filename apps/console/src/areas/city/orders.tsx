import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { dateTime, statusLabel } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { CASE_NUMBER, errorText, LightDot, ORDER_ACTION, OrderStatusTag } from './common';
import type { MonitorRow, OrderStep, Paged, SupervisionOrder } from './types';

/**
 * 发出督办: the coordinator orders the centre holding a live case to act and answer within working days
 * (POST /supervision/orders). The order goes to whoever holds the case: shown before it is sent.
 */
export function IssueOrderModal({ open, caseNumber, onClose, onIssued }: { open: boolean; caseNumber?: string; onClose: () => void; onIssued: (o: SupervisionOrder) => void }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const { nameOf } = useNetwork();
  const [form] = Form.useForm<{ caseNumber: string; content: string; answerDays?: number | null }>();
  const typed = Form.useWatch('caseNumber', form);
  const [target, setTarget] = useState<{ row?: MonitorRow; error?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ caseNumber: caseNumber ?? '' });
      setError(null);
    }
  }, [open, caseNumber, form]);

  useEffect(() => {
    const n = (typed ?? '').trim().toUpperCase();
    if (!open || !CASE_NUMBER.test(n)) {
      setTarget(null);
      return;
    }
    let live = true;
    api<MonitorRow>(`/monitor/cases/${n}`)
      .then((row) => live && setTarget({ row }))
      .catch((e: unknown) => live && setTarget({ error: errorText(e, lang) }));
    return () => {
      live = false;
    };
  }, [typed, open, lang]);

  const submit = async (v: { caseNumber: string; content: string; answerDays?: number | null }) => {
    setBusy(true);
    setError(null);
    try {
      const order = await api<SupervisionOrder>('/supervision/orders', {
        body: { caseNumber: v.caseNumber.trim().toUpperCase(), content: v.content.trim(), ...(v.answerDays ? { answerDays: v.answerDays } : {}) },
      });
      message.success(t(`督办单已发往${nameOf(order.holder)}，反馈期限 ${order.answerBy}`, `Order sent to ${nameOf(order.holder)}, answer by ${order.answerBy}`));
      onIssued(order);
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const row = target?.row;
  return (
    <Modal
      open={open}
      title={t('发出督办', 'Issue a supervision order')}
      onCancel={onClose}
      okText={t('发出', 'Issue')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'issue-order-submit', disabled: row !== undefined && !row.live }}
      destroyOnHidden
      width={620}
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="issue-order-error" />}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="issue-order-form">
        <Form.Item
          name="caseNumber"
          label={t('办件编号', 'Case number')}
          rules={[
            { required: true, message: t('请输入办件编号', 'Enter the case number') },
            { pattern: CASE_NUMBER, message: t('办件编号为 27 位：26 位数字加 1 位校验码', 'A case number is 27 characters: 26 digits and a check character'), transform: (v: string) => v?.trim().toUpperCase() },
          ]}
        >
          <Input disabled={!!caseNumber} maxLength={27} style={{ fontFamily: 'monospace' }} data-testid="issue-order-case" />
        </Form.Item>
        {row && (
          <Alert
            type={row.live ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="issue-order-target"
            title={
              row.live
                ? t(`将发往当前承办节点：${nameOf(row.holder)}（${row.holder}）`, `Goes to the centre holding it: ${nameOf(row.holder)} (${row.holder})`)
                : t('该办件已办结，无需督办', 'The case is closed; there is nothing to supervise')
            }
            description={
              <Space wrap>
                <span>{row.itemName}</span>
                <span>{statusLabel(row.status, lang)}</span>
                <LightDot light={row.light} lang={lang} />
                {row.dueOn && <span>{t(`期限 ${row.dueOn}`, `due ${row.dueOn}`)}</span>}
                {row.overdueDays > 0 && <Tag color="red">{t(`超期 ${row.overdueDays} 个工作日`, `${row.overdueDays} working days overdue`)}</Tag>}
              </Space>
            }
          />
        )}
        {target?.error && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={target.error} />}
        <Form.Item name="content" label={t('督办内容', 'What the centre must do')} rules={[{ required: true, whitespace: true, message: t('请填写督办内容', 'Say what must be done') }, { max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('例如：请于三个工作日内办结并反馈', 'e.g. Decide within three working days and report back')} data-testid="issue-order-content" />
        </Form.Item>
        <Form.Item name="answerDays" label={t('反馈期限（工作日）', 'Answer within (working days)')} extra={t('留空则用本市默认期限', 'Leave empty for the city default')}>
          <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} data-testid="issue-order-days" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One order with its own timeline, its answer and the other rounds on the same case (GET /supervision/orders/:id). */
export function OrderDrawer({ id, onClose, onOpen }: { id: string | null; onClose: () => void; onOpen: (id: string) => void }) {
  const { lang, t } = useLang();
  const navigate = useNavigate();
  const { nameOf } = useNetwork();
  const [order, setOrder] = useState<(SupervisionOrder & { steps: OrderStep[] }) | null>(null);
  const [rounds, setRounds] = useState<SupervisionOrder[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    setOrder(null);
    setError(null);
    void (async () => {
      try {
        const o = await api<SupervisionOrder & { steps: OrderStep[] }>(`/supervision/orders/${id}`);
        if (!live) return;
        setOrder(o);
        const all = await api<Paged<SupervisionOrder>>('/supervision/orders', { query: { caseNumber: o.caseNumber, limit: 50 } });
        if (live) setRounds(all.items);
      } catch (e) {
        if (live) setError(errorText(e, lang));
      }
    })();
    return () => {
      live = false;
    };
  }, [id, lang]);

  return (
    <Drawer open={id !== null} onClose={onClose} size={640} title={t('督办单', 'Supervision order')} data-testid="order-drawer">
      {error && <Alert type="error" showIcon title={error} />}
      {!order && !error && <Spin />}
      {order && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('办件编号', 'Case number')}>
              <Typography.Link onClick={() => navigate(`/city/cases/${order.caseNumber}`)} className="tb-case-no" data-testid="order-case-link">
                {order.caseNumber}
              </Typography.Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('轮次', 'Round')}>
              {t(`第 ${order.round} 轮`, `round ${order.round}`)}
              {order.rule === 'red_light' && <Tag style={{ marginLeft: 8 }}>{t('红灯自动督办', 'issued by the red-light rule')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('状态', 'Status')}>
              <span data-testid="order-status">
                <OrderStatusTag status={order.status} lang={lang} />
              </span>
              {order.flagged && (
                <Tag color="red" data-testid="order-flagged">
                  {t('列入监察建议', 'flagged for a supervision recommendation')}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('督办对象', 'Addressed to')}>
              {nameOf(order.holder)} <Typography.Text type="secondary">{order.holder}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('督办内容', 'Content')}>{order.content}</Descriptions.Item>
            <Descriptions.Item label={t('反馈期限', 'Answer by')}>{order.answerBy}</Descriptions.Item>
            <Descriptions.Item label={t('发出', 'Issued')}>
              {dateTime(order.issuedAt)} · {order.issuedByName}
            </Descriptions.Item>
            <Descriptions.Item label={t('反馈', 'Answer')}>
              {order.answer ? (
                <div data-testid="order-answer">
                  <div>{order.answer.content}</div>
                  <Typography.Text type="secondary">
                    {dateTime(order.answer.at)} · {order.answer.byName ?? ''}
                  </Typography.Text>
                </div>
              ) : (
                <Typography.Text type="secondary">{t('尚未反馈', 'not answered yet')}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
          {order.flagged && (
            <Button onClick={() => navigate(`/city/accountability?caseNumber=${order.caseNumber}`)} data-testid="order-accountability-link">
              {t('查看问责记录', 'See the accountability record')}
            </Button>
          )}
          <div>
            <Typography.Title level={5}>{t('督办过程', 'What happened')}</Typography.Title>
            {order.steps.length === 0 ? (
              <Empty />
            ) : (
              <Timeline
                data-testid="order-steps"
                items={order.steps.map((s) => ({
                  key: s.id,
                  color: s.action === 'flagged' || s.action === 'overdue' ? 'red' : s.action.startsWith('answered') ? 'green' : 'blue',
                  content: (
                    <div>
                      <Typography.Text strong>{ORDER_ACTION[s.action] ? (lang === 'zh' ? ORDER_ACTION[s.action]!.zh : ORDER_ACTION[s.action]!.en) : s.action}</Typography.Text>
                      <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                        {dateTime(s.at)} · {nameOf(s.node)} · {s.actorName}
                      </div>
                      {typeof s.details.content === 'string' && <div>{s.details.content}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </div>
          {rounds.length > 1 && (
            <div>
              <Typography.Title level={5}>{t('本办件的各轮督办', 'Every round on this case')}</Typography.Title>
              <Table<SupervisionOrder>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={rounds}
                rowClassName={(r) => (r.id === order.id ? 'ant-table-row-selected' : '')}
                onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('轮次', 'Round'), dataIndex: 'round', width: 70 },
                  { title: t('发出', 'Issued'), dataIndex: 'issuedAt', render: (v: string) => <span className="tb-nowrap">{dateTime(v)}</span> },
                  { title: t('对象', 'To'), dataIndex: 'holder', render: (v: string) => nameOf(v) },
                  { title: t('状态', 'Status'), dataIndex: 'status', render: (v: SupervisionOrder['status']) => <OrderStatusTag status={v} lang={lang} /> },
                ]}
              />
            </div>
          )}
        </Space>
      )}
    </Drawer>
  );
}
