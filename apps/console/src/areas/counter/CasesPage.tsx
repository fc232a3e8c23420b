import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { LightTag } from '../../components/case/CaseView';
import type { CaseSummary, LightLabel } from '../../components/case/types';
import { api, ApiError } from '../../lib/api';
import { date, dateTime, isCaseNumber, lightLabel, maskId, STATUS_ZH, statusLabel } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useAllMatters } from './useMatters';

/** A list entry: the summary and the lights the node stored (absent from a node older than this console). */
export type ListedCase = CaseSummary & { light?: LightLabel | string | null; stepLight?: LightLabel | string | null };

const PAGE_SIZE = 20;

/** The light of a list entry as LightTag reads it. */
export function lightOf(light: LightLabel | string | null | undefined) {
  if (light && typeof light === 'object') return light;
  const code = light;
  return code === 'green' || code === 'yellow' || code === 'red' ? { code, labelZh: lightLabel(code, 'zh'), labelEn: lightLabel(code, 'en') } : null;
}

/** 办件: the cases at this node, filtered by status, date and matter, searched by case number or applicant. */
export function CasesPage() {
  const { lang, t } = useLang();
  const { nameOf } = useNetwork();
  const navigate = useNavigate();
  const matters = useAllMatters();
  const [params, setParams] = useSearchParams();
  const statusKey = params.get('status') ?? '';
  const status = statusKey.split(',').filter(Boolean);
  const item = params.get('item') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const applicant = params.get('applicant') ?? undefined;
  const number = params.get('number') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(number ?? applicant ?? '');
  const [data, setData] = useState<{ items: ListedCase[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  /** Changes some filters (and goes back to the first page unless the page itself changes). */
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api<{ items: ListedCase[]; total: number }>('/cases', { query: { status: statusKey || undefined, item, from, to, applicant, number, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } }));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', '无法连接本节点', 'The node cannot be reached'));
    } finally {
      setLoading(false);
    }
  }, [statusKey, item, from, to, applicant, number, page]);

  useEffect(() => {
    void load();
  }, [load]);

  /** A whole case number opens the case; part of one (7 or more of its characters) filters by number; else the applicant's name or ID ending. */
  const search = () => {
    const v = text.trim().toUpperCase();
    if (isCaseNumber(v)) navigate(`/counter/cases/${v}`);
    else if (/^[\dX]{7,26}$/.test(v)) set({ number: v, applicant: undefined });
    else set({ applicant: text.trim() || undefined, number: undefined });
  };

  return (
    <Card
      title={t('办件', 'Cases')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
          {t('刷新', 'Reload')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          allowClear
          style={{ width: 250 }}
          prefix={<SearchOutlined />}
          placeholder={t('办件编号、申请人姓名或证件号后六位', 'Case number, applicant name or last 6 of the ID')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) set({ applicant: undefined, number: undefined });
          }}
          onPressEnter={search}
          data-testid="case-search"
        />
        <Button onClick={search} data-testid="case-search-go">
          {t('查找', 'Find')}
        </Button>
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: 230 }}
          placeholder={t('全部状态', 'All statuses')}
          value={status}
          onChange={(v: string[]) => set({ status: v.join(',') || undefined })}
          options={Object.keys(STATUS_ZH).map((s) => ({ value: s, label: statusLabel(s, lang) }))}
          data-testid="case-status-filter"
        />
        <DatePicker.RangePicker
          style={{ width: 240 }}
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('收件起', 'From'), t('收件止', 'To')]}
          data-testid="case-date-filter"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 210 }}
          placeholder={t('全部事项', 'All matters')}
          value={item}
          onChange={(v?: string) => set({ item: v })}
          options={[...new Map(matters.map((m) => [m.code, m])).values()].map((m) => ({ value: m.code, label: m.name }))}
          data-testid="case-matter-filter"
        />
      </Space>
      {error && <Alert type="error" showIcon title={error.text(lang)} style={{ marginBottom: 12 }} />}
      <Table<ListedCase>
        data-testid="case-table"
        size="small"
        rowKey="caseNumber"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: 1040 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, showSizeChanger: false, onChange: (p) => set({ page: String(p) }), showTotal: (n) => t(`共 ${n} 件`, `${n} cases`) }}
        onRow={(r) => ({ onClick: () => navigate(`/counter/cases/${r.caseNumber}`), style: { cursor: 'pointer' }, 'data-testid': `case-row-${r.caseNumber}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('办件编号', 'Case number'),
            dataIndex: 'caseNumber',
            width: 218,
            render: (n: string) => <span style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>{n}</span>,
          },
          { title: t('事项', 'Matter'), key: 'item', ellipsis: true, render: (_, r) => r.item.name },
          {
            title: t('申请人', 'Applicant'),
            key: 'applicant',
            width: 150,
            render: (_, r) => (
              <div style={{ whiteSpace: 'nowrap' }}>
                <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 134 }} title={r.applicant.name}>
                  {r.applicant.name}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {maskId(r.applicant.idNumber)}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('状态', 'Status'),
            key: 'status',
            width: 140,
            render: (_, r) => (
              <Space size={2} wrap>
                <Tag color="blue" style={{ whiteSpace: 'normal' }}>
                  {lang === 'zh' ? r.status.zh : r.status.en}
                </Tag>
                {r.withdrawalRequested && <Tag color="orange">{t('申请撤回', 'withdrawal')}</Tag>}
              </Space>
            ),
          },
          { title: t('时限灯', 'Light'), key: 'light', width: 116, render: (_, r) => (lightOf(r.light) ? <LightTag light={lightOf(r.light)} /> : <Typography.Text type="secondary">—</Typography.Text>) },
          {
            title: t('收件 / 办结期限', 'Received / due'),
            key: 'dates',
            width: 132,
            render: (_, r) => (
              <div style={{ whiteSpace: 'nowrap' }}>
                <div>{dateTime(r.receivedAt)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('期限 ', 'due ')}
                  {date(r.dueDate)}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('当前承办', 'Held by'), key: 'holder', width: 140, ellipsis: true, render: (_, r) => nameOf(r.holder) },
        ]}
      />
    </Card>
  );
}
