import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { date } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { CASE_TYPES, DECISION_LEVELS, ITEM_KINDS, labelIn, MATERIAL_FORMS, MATERIAL_REQUIREMENTS } from './codes';
import { LoadError, StatusTag, useLoad } from './common';
import { fieldName, showValue } from './fields';
import type { FieldChange, ItemDiff, Material, Revision } from './types';

const PRE = { whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0, fontFamily: 'inherit', fontSize: 13 } as const;

/** One item: its revisions, what changed between any two of them (the diff), and the newest one's main fields. */
export function ItemPage() {
  const { code = '' } = useParams();
  const { t, lang } = useLang();
  const { has } = useSession();
  const navigate = useNavigate();
  const revisions = useLoad<Revision[]>(`/catalog/items/${encodeURIComponent(code)}/revisions`);
  const list = revisions.data ?? [];
  const newest = list[list.length - 1];
  const [range, setRange] = useState<{ from?: number; to?: number }>({});
  useEffect(() => {
    // The last two revisions; an item published once has nothing to compare until one is chosen.
    if (newest) setRange(newest.revision > 1 ? { from: newest.revision - 1, to: newest.revision } : {});
  }, [newest]);
  const diff = useLoad<ItemDiff>(range.to !== undefined && range.from !== undefined ? `/catalog/items/${encodeURIComponent(code)}/diff` : null, { from: range.from, to: range.to });
  const revisionOptions = list.map((r) => ({ value: r.revision, label: t(`第 ${r.revision} 次修订（版本 ${r.version}）`, `revision ${r.revision} (version ${r.version})`) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/city/catalog/items')} aria-label={t('返回', 'Back')} />
            <span>{newest ? newest.data.name : code}</span>
            <Typography.Text type="secondary">{code}</Typography.Text>
            {newest && <StatusTag status={newest.status} />}
          </Space>
        }
        extra={
          has('catalog_editor') && (
            <Button onClick={() => navigate(`/city/catalog/drafts/${code}`)} data-testid="catalog-item-edit">
              {t('修改（存为草稿）', 'Edit (as a draft)')}
            </Button>
          )
        }
      >
        <LoadError error={revisions.error} />
        {newest && (
          <Descriptions
            size="small"
            column={3}
            data-testid="catalog-item-fields"
            items={[
              { key: 'kind', label: t('事项类型', 'Kind'), children: labelIn(ITEM_KINDS, newest.data.kindCode, lang) },
              { key: 'dept', label: t('实施主体', 'Department'), children: newest.data.department?.name },
              { key: 'level', label: t('决定层级', 'Decided at'), children: labelIn(DECISION_LEVELS, newest.data.decisionLevel, lang) },
              { key: 'type', label: t('办件类型', 'Case type'), children: labelIn(CASE_TYPES, newest.data.caseType, lang) },
              { key: 'legal', label: t('法定时限', 'Legal limit'), children: t(`${newest.data.legalTimeLimit?.days} 个工作日`, `${newest.data.legalTimeLimit?.days} working days`) },
              { key: 'committed', label: t('承诺时限', 'Committed limit'), children: t(`${newest.data.committedTimeLimit?.days} 个工作日`, `${newest.data.committedTimeLimit?.days} working days`) },
              { key: 'fee', label: t('收费', 'Fee'), children: newest.data.fee?.charged ? newest.data.fee.standard : t('不收费', 'free') },
              { key: 'from', label: t('生效日期', 'Effective from'), children: date(newest.effectiveFrom) },
              { key: 'place', label: t('办理地点', 'Place'), children: newest.data.place },
            ]}
          />
        )}
        {newest && (
          <Table<Material>
            style={{ marginTop: 12 }}
            size="small"
            rowKey="name"
            pagination={false}
            scroll={{ x: true }}
            dataSource={newest.data.materials}
            title={() => t('申请材料（一次性告知）', 'Materials (one-time checklist)')}
            data-testid="catalog-item-materials"
            columns={[
              { title: t('材料名称', 'Material'), dataIndex: 'name', width: 260 },
              { title: t('出具机构', 'Issuer'), dataIndex: 'issuer', width: 160 },
              { title: t('形式', 'Forms'), dataIndex: 'forms', width: 140, render: (f: string[]) => f.map((x) => labelIn(MATERIAL_FORMS, x, lang)).join('、') },
              { title: t('原件', 'Originals'), dataIndex: 'originals', width: 60, align: 'right' },
              { title: t('复印件', 'Copies'), dataIndex: 'copies', width: 60, align: 'right' },
              { title: t('是否必备', 'Required'), dataIndex: 'requirement', width: 110, render: (r: string) => labelIn(MATERIAL_REQUIREMENTS, r, lang) },
              { title: t('备注', 'Notes'), dataIndex: 'notes', width: 240 },
            ]}
          />
        )}
      </Card>

      <Card title={t('修订与变更对比', 'Revisions and changes')}>
        <Table<Revision>
          size="small"
          rowKey="revision"
          loading={revisions.loading}
          pagination={false}
          scroll={{ x: true }}
          dataSource={[...list].reverse()}
          data-testid="catalog-item-revisions"
          columns={[
            { title: t('修订', 'Revision'), dataIndex: 'revision', width: 70 },
            { title: t('版本', 'Version'), dataIndex: 'version', width: 70 },
            { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} /> },
            { title: t('生效日期', 'Effective from'), dataIndex: 'effectiveFrom', width: 120, render: (d: string) => date(d) },
            { title: t('事项名称', 'Name'), key: 'name', render: (_: unknown, r) => r.data.name },
          ]}
        />
        <Space wrap style={{ margin: '16px 0 12px' }}>
          <span>{t('对比', 'Compare')}</span>
          <Select
            style={{ width: 220 }}
            value={range.from}
            placeholder={t('从', 'From')}
            options={[{ value: 0, label: t('（无：首次发布）', '(none: first publication)') }, ...revisionOptions]}
            onChange={(from: number) => setRange((r) => ({ ...r, from }))}
            data-testid="catalog-diff-from"
          />
          <span>→</span>
          <Select style={{ width: 220 }} value={range.to} placeholder={t('到', 'To')} options={revisionOptions} onChange={(to: number) => setRange((r) => ({ ...r, to }))} data-testid="catalog-diff-to" />
        </Space>
        <LoadError error={diff.error} />
        <Table<FieldChange>
          size="small"
          rowKey="path"
          loading={diff.loading}
          pagination={false}
          scroll={{ x: true }}
          dataSource={range.to === undefined ? [] : (diff.data?.changes ?? [])}
          locale={{
            emptyText: <Empty description={range.to === undefined ? t('仅发布过一次：选择两次修订进行对比', 'Published once: choose two revisions to compare') : t('两次修订之间没有变化', 'No change between the two revisions')} />,
          }}
          data-testid="catalog-diff-table"
          columns={[
            {
              title: t('字段', 'Field'),
              dataIndex: 'path',
              width: 220,
              render: (p: string) => (
                <Space orientation="vertical" size={0}>
                  <span>{fieldName(p, lang)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('修改前', 'Before'), dataIndex: 'before', width: 360, render: (v: unknown) => <pre style={PRE}>{showValue(v)}</pre> },
            { title: t('修改后', 'After'), dataIndex: 'after', width: 360, render: (v: unknown) => <pre style={PRE}>{showValue(v)}</pre> },
          ]}
        />
      </Card>
    </Space>
  );
}
