import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { beijingDay, CASE_NUMBER, CaseNumberLink, errorText, LEVEL_LABEL, roleLabel } from './common';
import type { AccountabilityRecord, Paged } from './types';

const PAGE_SIZE = 20;

/** 问责处理决定 (libs/supervision accountability-rules.ts). */
const DECISIONS = [
  { code: 'criticism_education', zh: '批评教育', en: 'criticism and education' },
  { code: 'admonishment_talk', zh: '诫勉谈话', en: 'admonishment talk' },
  { code: 'circulated_criticism', zh: '通报批评', en: 'criticism circulated in a notice' },
  { code: 'reassignment', zh: '调离岗位', en: 'removal from the post' },
  { code: 'other', zh: '其他', en: 'other' },
];

function DaysByLevel({ days }: { days: AccountabilityRecord['daysByLevel'] }) {
  const { lang } = useLang();
  const parts = Object.entries(days).filter(([, v]) => (v ?? 0) > 0);
  if (parts.length === 0) return <>—</>;
  return (
    <>
      {parts.map(([k, v]) => (
        <Tag key={k}>
          {(lang === 'zh' ? LEVEL_LABEL[k]?.zh : LEVEL_LABEL[k]?.en) ?? k} {v}
        </Tag>
      ))}
    </>
  );
}

/** One record, and the coordinator's form to record the decision taken (once). */
function RecordDrawer({ id, onClose, onDecided }: { id: string | null; onClose: () => void; onDecided: () => void }) {
  const { lang, t } = useLang();
  const { has } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [record, setRecord] = useState<AccountabilityRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ decision: string; content: string; decidedOn: Dayjs; decidedBy: string }>();

  useEffect(() => {
    if (!id) return;
    let live = true;
    setRecord(null);
    setError(null);
    setFormError(null);
    api<AccountabilityRecord>(`/accountability/${id}`)
      .then((r) => live && setRecord(r))
      .catch((e: unknown) => live && setError(errorText(e, lang)));
    return () => {
      live = false;
    };
  }, [id, lang]);

  const decide = async (v: { decision: string; content: string; decidedOn: Dayjs; decidedBy: string }) => {
    if (!record) return;
    setBusy(true);
    setFormError(null);
    try {
      const r = await api<AccountabilityRecord>(`/accountability/${record.id}/decision`, {
        body: { decision: v.decision, content: v.content.trim(), decidedOn: v.decidedOn.format('YYYY-MM-DD'), decidedBy: v.decidedBy.trim() },
      });
      setRecord(r);
      message.success(t('处理决定已记录', 'The decision is recorded'));
      onDecided();
    } catch (e) {
      setFormError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const opened = record ? beijingDay(new Date(record.createdAt)) : undefined;
  const today = beijingDay();
  return (
    <Drawer open={id !== null} onClose={onClose} size={640} title={t('问责记录', 'Accountability record')} data-testid="accountability-drawer">
      {error && <Alert type="error" showIcon title={error} />}
      {!record && !error && <Spin />}
      {record && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('办件编号', 'Case number')}>
              <Typography.Link className="tb-case-no" onClick={() => navigate(`/city/cases/${record.caseNumber}`)}>
                {record.caseNumber}
              </Typography.Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('责任层级', 'Level responsible')}>{lang === 'zh' ? record.level.zh : record.level.en}</Descriptions.Item>
            <Descriptions.Item label={t('责任中心', 'Centre responsible')}>
              {record.nodeName ?? record.node} <Typography.Text type="secondary">{record.node}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('责任人', 'Person responsible')}>
              {record.person ? (
                <>
                  {record.person.name}（{roleLabel(record.person.role, lang)}）
                  <Typography.Text type="secondary"> {t(`最后经办 ${dateTime(record.person.actedAt)}`, `last acted ${dateTime(record.person.actedAt)}`)}</Typography.Text>
                </>
              ) : (
                t('未找到经办人', 'nobody found who acted on it')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('各层级用时（工作日）', 'Working days by level')}>
              <DaysByLevel days={record.daysByLevel} />
            </Descriptions.Item>
            <Descriptions.Item label={t('生成时间', 'Made')}>{dateTime(record.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('状态', 'Status')}>
              <Tag color={record.status.code === 'decided' ? 'green' : 'orange'} data-testid="accountability-status">
                {lang === 'zh' ? record.status.zh : record.status.en}
              </Tag>
            </Descriptions.Item>
          </Descriptions>
          {record.decision && (
            <Descriptions size="small" column={1} bordered title={t('处理决定', 'Decision')} data-testid="accountability-decision">
              <Descriptions.Item label={t('决定', 'Decision')}>{lang === 'zh' ? record.decision.decision.zh : record.decision.decision.en}</Descriptions.Item>
              <Descriptions.Item label={t('决定内容', 'Content')}>{record.decision.content}</Descriptions.Item>
              <Descriptions.Item label={t('决定日期', 'Decided on')}>{record.decision.decidedOn}</Descriptions.Item>
              <Descriptions.Item label={t('决定机关或负责人', 'Decided by')}>{record.decision.decidedBy}</Descriptions.Item>
              <Descriptions.Item label={t('登记', 'Recorded')}>
                {dateTime(record.decision.recordedAt)} · {record.decision.recordedBy.name}
              </Descriptions.Item>
            </Descriptions>
          )}
          {!record.decision && has('city_coordinator') && (
            <Card size="small" title={t('记录处理决定', 'Record the decision')}>
              {formError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={formError} data-testid="accountability-error" />}
              <Form key={record.id} form={form} layout="vertical" onFinish={decide} initialValues={{ decidedOn: dayjs(opened && opened > today ? opened : today) }} data-testid="accountability-form">
                <Form.Item name="decision" label={t('处理决定', 'Decision')} rules={[{ required: true, message: t('请选择处理决定', 'Choose the decision') }]}>
                  <Select options={DECISIONS.map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }))} data-testid="accountability-decision-select" />
                </Form.Item>
                <Form.Item name="content" label={t('决定内容', 'What was decided')} rules={[{ required: true, whitespace: true, message: t('请填写决定内容', 'Write what was decided') }, { max: 2000 }]}>
                  <Input.TextArea rows={3} maxLength={2000} showCount data-testid="accountability-content" />
                </Form.Item>
                <Form.Item name="decidedOn" label={t('决定日期', 'Decided on')} rules={[{ required: true, message: t('请选择决定日期', 'Choose the day') }]}>
                  <DatePicker
                    disabledDate={(d) => d.format('YYYY-MM-DD') > today || (opened !== undefined && d.format('YYYY-MM-DD') < opened)}
                    data-testid="accountability-date"
                  />
                </Form.Item>
                <Form.Item name="decidedBy" label={t('决定机关或负责人', 'Decided by')} rules={[{ required: true, whitespace: true, message: t('请填写决定机关或负责人', 'Say who decided') }, { max: 100 }]}>
                  <Input maxLength={100} placeholder={t('例如：市纪委监委驻市政务服务中心纪检组', 'e.g. the discipline inspection group at the city centre')} data-testid="accountability-by" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="accountability-submit">
                  {t('记录决定', 'Record the decision')}
                </Button>
              </Form>
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** 问责记录: made when a case is flagged after two unanswered orders; the coordinators record the decision, the auditors read. */
export function AccountabilityPage() {
  const { lang, t } = useLang();
  const { nodes } = useNetwork();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const [node, setNode] = useState<string | undefined>();
  const [caseNumber, setCaseNumber] = useState(params.get('caseNumber') ?? '');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Paged<AccountabilityRecord>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setData(await api<Paged<AccountabilityRecord>>('/accountability', { query: { status, level, node, caseNumber: CASE_NUMBER.test(caseNumber) ? caseNumber : undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }));
    } catch (e) {
      setError(errorText(e, lang));
    } finally {
      setLoading(false);
    }
  }, [status, level, node, caseNumber, page, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('全部状态', 'Every status')}
            style={{ width: 140 }}
            value={status}
            onChange={reset<string | undefined>(setStatus)}
            options={[
              { value: 'pending', label: t('待处理', 'Waiting') },
              { value: 'decided', label: t('已处理', 'Decided') },
            ]}
            data-testid="accountability-status-filter"
          />
          <Select
            allowClear
            placeholder={t('全部层级', 'Every level')}
            style={{ width: 140 }}
            value={level}
            onChange={reset<string | undefined>(setLevel)}
            options={['township', 'county', 'city'].map((l) => ({ value: l, label: lang === 'zh' ? LEVEL_LABEL[l]!.zh : LEVEL_LABEL[l]!.en }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('全部中心', 'Every centre')}
            style={{ width: 220 }}
            value={node}
            onChange={reset<string | undefined>(setNode)}
            options={nodes.map((n) => ({ value: n.code, label: n.name }))}
          />
          <Input.Search
            allowClear
            placeholder={t('办件编号', 'Case number')}
            defaultValue={caseNumber}
            style={{ width: 300, fontFamily: 'monospace' }}
            onSearch={(v) => reset<string>(setCaseNumber)(v.trim().toUpperCase())}
            data-testid="accountability-case"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
            {t('刷新', 'Refresh')}
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        <Table<AccountabilityRecord>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={data.items}
          scroll={{ x: true }}
          data-testid="accountability-table"
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: setPage }}
          columns={[
            { title: t('生成时间', 'Made'), dataIndex: 'createdAt', width: 140, render: (v: string) => <span className="tb-nowrap">{dateTime(v)}</span> },
            {
              title: t('办件编号', 'Case number'),
              dataIndex: 'caseNumber',
              width: 250,
              render: (v: string) => <CaseNumberLink caseNumber={v} />,
            },
            { title: t('责任层级', 'Level'), dataIndex: 'level', width: 100, render: (v: AccountabilityRecord['level']) => (lang === 'zh' ? v.zh : v.en) },
            { title: t('责任中心', 'Centre'), dataIndex: 'nodeName', width: 180, render: (v: string | null, r) => v ?? r.node },
            { title: t('责任人', 'Person'), dataIndex: 'person', width: 170, render: (p: AccountabilityRecord['person']) => (p ? `${p.name}（${roleLabel(p.role, lang)}）` : '—') },
            { title: t('各层级用时', 'Days by level'), dataIndex: 'daysByLevel', width: 220, render: (d: AccountabilityRecord['daysByLevel']) => <DaysByLevel days={d} /> },
            { title: t('状态', 'Status'), dataIndex: 'status', width: 100, render: (s: AccountabilityRecord['status']) => <Tag color={s.code === 'decided' ? 'green' : 'orange'}>{lang === 'zh' ? s.zh : s.en}</Tag> },
            { title: t('处理决定', 'Decision'), dataIndex: 'decision', width: 150, render: (d: AccountabilityRecord['decision']) => (d ? (lang === 'zh' ? d.decision.zh : d.decision.en) : '—') },
          ]}
        />
      </Space>
      <RecordDrawer id={openId} onClose={() => setOpenId(null)} onDecided={() => void load()} />
    </Card>
  );
}
