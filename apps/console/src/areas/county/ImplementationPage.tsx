import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ActionModal } from './ActionModal';

/** A matter in force here, as the public catalog lists it (the county's settings already applied). */
interface CatalogSummary {
  code: string;
  name: string;
  kind: { code: string; label: string };
  department: string;
  decisionLevel: { code: 'township' | 'county' | 'city'; label: string };
  caseType: { code: string; label: string };
  legalDays: number;
  committedDays: number;
  status: { code: string; label: string };
  origin: 'city' | 'county';
}

interface TimeLimit {
  days: number;
  unit: 'working-day';
  note?: string;
}

/** What the county set on a city item (GET /catalog/implementation). */
interface Settings {
  committedTimeLimit?: TimeLimit;
  place?: string;
  hours?: string;
  enquiryPhone?: string;
  complaintPhone?: string;
  notes?: string;
}

interface Implementation {
  code: string;
  revision: number;
  settings: Settings;
  updatedAt: string;
}

interface CountyItem {
  code: string;
  name: string;
  revision: number;
  status: string;
  effectiveFrom: string;
}

/** One matter in full (GET /public/catalog/items/:code), the parts the list shows on expanding. */
interface CatalogDetail extends CatalogSummary {
  legalTimeLimit: TimeLimit;
  committedTimeLimit: TimeLimit;
  place?: string;
  hours?: string;
  enquiryPhone?: string;
  complaintPhone?: string;
  localNotes?: string;
  fee?: { charged: boolean; standard?: string; basis?: string };
  legalBasis?: string[];
}

interface Row extends CatalogSummary {
  implementation?: Implementation;
  countyItem?: CountyItem;
}

const PHONE = /^(?:0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?|1[3-9]\d{9}|12\d{3}|400-?\d{3}-?\d{4})$/;

interface EditValues {
  committedDays?: number | null;
  committedNote?: string;
  place?: string;
  hours?: string;
  enquiryPhone?: string;
  complaintPhone?: string;
  notes?: string;
}

/** Every matter in force at this node: the public catalog, page by page. */
async function allItems(): Promise<CatalogSummary[]> {
  const out: CatalogSummary[] = [];
  for (let page = 1; ; page++) {
    const p = await api<{ items: CatalogSummary[]; total: number }>('/public/catalog/items', { anonymous: true, query: { page, pageSize: 100 } });
    out.push(...p.items);
    if (p.items.length === 0 || out.length >= p.total) return out;
  }
}

function ItemDetail({ row }: { row: Row }) {
  const { lang, t } = useLang();
  const [d, setD] = useState<CatalogDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<CatalogDetail>(`/public/catalog/items/${encodeURIComponent(row.code)}`, { anonymous: true, query: { origin: row.origin === 'county' ? 'county' : undefined } })
      .then(setD)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.text(lang) : String(e)));
  }, [row.code, row.origin, lang]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!d) return <Spin size="small" />;
  const fee = d.fee;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, lg: 2 }}>
      <Descriptions.Item label={t('实施部门', 'Department')}>{d.department}</Descriptions.Item>
      <Descriptions.Item label={t('时限', 'Limits')}>
        {t(`法定 ${d.legalTimeLimit.days} 个工作日；承诺 ${d.committedTimeLimit.days} 个工作日`, `legal ${d.legalTimeLimit.days}, committed ${d.committedTimeLimit.days} working days`)}
        {d.committedTimeLimit.note ? `（${d.committedTimeLimit.note}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('办理地点', 'Place')}>{d.place ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('办理时间', 'Hours')}>{d.hours ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('咨询电话', 'Enquiries')}>{d.enquiryPhone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('监督投诉电话', 'Complaints')}>{d.complaintPhone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('收费', 'Fee')}>
        {fee?.charged ? `${fee.standard ?? t('收费', 'charged')}${fee.basis ? t(`（依据：${fee.basis}）`, ` (basis: ${fee.basis})`) : ''}` : t('不收费', 'free')}
      </Descriptions.Item>
      <Descriptions.Item label={t('本县备注', 'County notes')}>{d.localNotes ?? '—'}</Descriptions.Item>
      {d.legalBasis && d.legalBasis.length > 0 && (
        <Descriptions.Item label={t('设定依据', 'Legal basis')} span="filled">
          {d.legalBasis.join('；')}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** 实施清单: the city's matters as this county carries them out, its own settings, and its county-only matters. */
export function ImplementationPage() {
  const { lang, t } = useLang();
  const { has } = useSession();
  const canEdit = has('catalog_editor', 'node_admin');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const [origin, setOrigin] = useState<'city' | 'county' | undefined>();
  const [setOnly, setSetOnly] = useState(false);
  const [editing, setEditing] = useState<Row | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [items, impl, county] = await Promise.all([allItems(), api<Implementation[]>('/catalog/implementation'), api<CountyItem[]>('/catalog/county-items')]);
      const byCode = new Map(impl.map((i) => [i.code, i]));
      const countyByCode = new Map(county.map((i) => [i.code, i]));
      setRows(items.map((i) => ({ ...i, implementation: i.origin === 'city' ? byCode.get(i.code) : undefined, countyItem: i.origin === 'county' ? countyByCode.get(i.code) : undefined })));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      setLoading(false);
    }
  }, [lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const words = q.trim();
    return (rows ?? [])
      .filter((r) => !origin || r.origin === origin)
      .filter((r) => !setOnly || r.implementation || r.origin === 'county')
      .filter((r) => !words || r.name.includes(words) || r.code.includes(words) || r.department.includes(words))
      .sort((a, b) => (a.origin === b.origin ? a.code.localeCompare(b.code) : a.origin === 'county' ? -1 : 1));
  }, [rows, q, origin, setOnly]);

  const columns: ColumnsType<Row> = [
    { title: t('实施编码', 'Code'), dataIndex: 'code', width: 190, render: (c: string) => <span style={{ fontFamily: 'monospace' }}>{c}</span> },
    {
      title: t('事项名称', 'Matter'),
      key: 'name',
      width: 240,
      render: (_, r) => (
        <div>
          <div>{r.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.kind.label} · {r.department}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('来源', 'Origin'),
      key: 'origin',
      width: 100,
      render: (_, r) => (r.origin === 'county' ? <Tag color="green">{t('本县事项', 'county item')}</Tag> : <Tag>{t('市级目录', 'city catalog')}</Tag>),
    },
    { title: t('决定层级', 'Decided at'), key: 'level', width: 90, render: (_, r) => r.decisionLevel.label },
    { title: t('法定时限', 'Legal'), dataIndex: 'legalDays', width: 80, render: (d: number) => t(`${d} 日`, `${d} d`) },
    {
      title: t('承诺时限', 'Committed'),
      key: 'committed',
      width: 130,
      render: (_, r) => (
        <span>
          {t(`${r.committedDays} 日`, `${r.committedDays} d`)}
          {r.implementation?.settings.committedTimeLimit && (
            <Tag color="red" style={{ marginLeft: 6 }}>
              {t('本县设定', 'set here')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('本县办理地点', 'Place set here'),
      key: 'place',
      width: 240,
      ellipsis: true,
      render: (_, r) => r.implementation?.settings.place ?? <Typography.Text type="secondary">{t('沿用市级', "the city's")}</Typography.Text>,
    },
    {
      title: t('清单更新', 'Updated'),
      key: 'updated',
      width: 150,
      render: (_, r) =>
        r.implementation ? t(`第 ${r.implementation.revision} 版 ${dateTime(r.implementation.updatedAt)}`, `rev. ${r.implementation.revision} ${dateTime(r.implementation.updatedAt)}`) : r.countyItem ? t(`第 ${r.countyItem.revision} 版`, `rev. ${r.countyItem.revision}`) : '—',
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('操作', 'Edit'),
      key: 'edit',
      width: 90,
      fixed: 'right',
      render: (_, r) =>
        r.origin === 'city' ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`implementation-edit-${r.code}`}>
            {t('设置', 'Set')}
          </Button>
        ) : null,
    });
  }

  const s = editing?.implementation?.settings ?? {};
  const cityDecides = editing?.decisionLevel.code === 'city';
  const instant = editing?.caseType.code === '1';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('实施清单', 'Implementation list')}
        extra={
          <Space wrap>
            <Input.Search allowClear placeholder={t('名称、编码或部门', 'Name, code or department')} style={{ width: 220 }} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} data-testid="implementation-search" />
            <Select
              allowClear
              placeholder={t('全部来源', 'Any origin')}
              style={{ width: 130 }}
              value={origin}
              onChange={setOrigin}
              options={[
                { value: 'city', label: t('市级目录', 'city catalog') },
                { value: 'county', label: t('本县事项', 'county items') },
              ]}
            />
            <Space size={4}>
              <Switch checked={setOnly} onChange={setSetOnly} data-testid="implementation-set-only" />
              {t('仅本县设定', 'Set here only')}
            </Space>
            <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
              {t('刷新', 'Refresh')}
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t(
            `在用事项 ${rows?.length ?? 0} 项，其中本县设定 ${rows?.filter((r) => r.implementation).length ?? 0} 项、本县特色事项 ${rows?.filter((r) => r.origin === 'county').length ?? 0} 项。本县可缩短承诺时限（不超过法定时限）并设定办理地点、时间和电话；材料和收费以市级目录为准。`,
            `${rows?.length ?? 0} matters in force; ${rows?.filter((r) => r.implementation).length ?? 0} with settings of this county, ${rows?.filter((r) => r.origin === 'county').length ?? 0} county-only. A county may shorten the committed limit (never beyond the legal one) and set place, hours and phones; materials and fees are the city's.`,
          )}
        </Typography.Paragraph>
        <Table
          data-testid="implementation-table"
          size="small"
          rowKey={(r) => `${r.origin}:${r.code}`}
          loading={loading && !rows}
          dataSource={shown}
          columns={columns}
          scroll={{ x: columns.reduce((w, c) => w + Number(c.width ?? 100), 48) }}
          expandable={{ expandedRowRender: (r) => <ItemDetail row={r} /> }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        />
      </Card>

      {editing && (
        <ActionModal<EditValues>
          open
          width={640}
          title={t(`实施清单：${editing.name}`, `Implementation: ${editing.name}`)}
          okText={t('保存', 'Save')}
          initialValues={{
            committedDays: s.committedTimeLimit?.days,
            committedNote: s.committedTimeLimit?.note,
            place: s.place,
            hours: s.hours,
            enquiryPhone: s.enquiryPhone,
            complaintPhone: s.complaintPhone,
            notes: s.notes,
          }}
          intro={
            <Alert
              type="info"
              showIcon
              title={t('保存即替换本县对该事项的全部设定：留空的项沿用市级目录。', "Saving replaces this county's whole entry for the item: what is left empty takes the city's value.")}
            />
          }
          success={t('实施清单已保存，将下发本县各乡镇', "Saved; the county's townships receive it")}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            void load();
          }}
          check={(v) =>
            [v.place, v.hours, v.enquiryPhone, v.complaintPhone, v.notes].some((x) => x?.trim()) || (v.committedDays !== undefined && v.committedDays !== null)
              ? null
              : t('至少填写一项：承诺时限、地点、时间、电话或备注', 'Set at least one of: committed limit, place, hours, phones, notes')
          }
          request={(v) => {
            const text = (x: string | undefined) => (x?.trim() ? x.trim() : undefined);
            const body: Record<string, unknown> = {
              place: text(v.place),
              hours: text(v.hours),
              enquiryPhone: text(v.enquiryPhone),
              complaintPhone: text(v.complaintPhone),
              notes: text(v.notes),
            };
            if (v.committedDays !== undefined && v.committedDays !== null) body.committedTimeLimit = { days: v.committedDays, unit: 'working-day', note: text(v.committedNote) };
            return { path: `/catalog/implementation/${encodeURIComponent(editing.code)}`, method: 'PUT', body };
          }}
        >
          {() => (
            <>
              <Space size="middle" align="start" wrap>
                <Form.Item
                  name="committedDays"
                  label={t(`承诺时限（工作日，法定 ${editing.legalDays} 日）`, `Committed (working days; legal ${editing.legalDays})`)}
                  extra={cityDecides ? t('市级决定的事项，县级不能设定承诺时限', 'Decided by the city: a county cannot set it') : undefined}
                  rules={[{ type: 'number', min: instant ? 0 : 1, max: instant ? 0 : editing.legalDays, message: instant ? t('即办件承诺时限应为 0', 'An instant case has 0 days') : t(`应为 1 至 ${editing.legalDays} 个工作日`, `1 to ${editing.legalDays} working days`) }]}
                >
                  <InputNumber precision={0} disabled={cityDecides} style={{ width: 160 }} data-testid="implementation-committed-days" />
                </Form.Item>
                <Form.Item name="committedNote" label={t('时限说明', 'Note on the limit')} rules={[{ max: 300, message: t('不超过 300 字', 'At most 300 characters') }]}>
                  <Input disabled={cityDecides} style={{ width: 300 }} />
                </Form.Item>
              </Space>
              <Form.Item name="place" label={t('办理地点', 'Place')} rules={[{ max: 300, message: t('不超过 300 字', 'At most 300 characters') }]}>
                <Input data-testid="implementation-place" />
              </Form.Item>
              <Form.Item name="hours" label={t('办理时间', 'Hours')} rules={[{ max: 200, message: t('不超过 200 字', 'At most 200 characters') }]}>
                <Input />
              </Form.Item>
              <Space size="middle" align="start" wrap>
                <Form.Item name="enquiryPhone" label={t('咨询电话', 'Enquiry phone')} rules={[{ pattern: PHONE, message: t('如 0951-6192345、13995012345 或 12345', 'e.g. 0951-6192345, 13995012345 or 12345') }]}>
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name="complaintPhone" label={t('监督投诉电话', 'Complaint phone')} rules={[{ pattern: PHONE, message: t('如 0951-6192345、13995012345 或 12345', 'e.g. 0951-6192345, 13995012345 or 12345') }]}>
                  <Input style={{ width: 220 }} />
                </Form.Item>
              </Space>
              <Form.Item name="notes" label={t('本县备注', 'County notes')} rules={[{ max: 1000, message: t('不超过 1000 字', 'At most 1000 characters') }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
        </ActionModal>
      )}
    </Space>
  );
}
