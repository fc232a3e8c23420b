import { FormOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Input, Row, Segmented, Select, Space, Spin, Table, Tooltip, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useLang } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { Checklist } from './Checklist';
import { DecisionLevelTag } from './shared';
import type { MatterDetail, MatterSummary } from './types';
import { useDebounced, useDepartments, useMatter, useMatterSearch } from './useMatters';

/** The search box, filters and results over this node's catalog; `onPick` gets the chosen matter. */
export function MatterSearchPanel({ selected, onPick }: { selected?: { code: string; origin: string } | null; onPick: (m: MatterSummary) => void }) {
  const { lang, t } = useLang();
  const [text, setText] = useState('');
  const [department, setDepartment] = useState<string | undefined>();
  const [level, setLevel] = useState<string>('all');
  const [page, setPage] = useState(1);
  const q = useDebounced(text, 300);
  const departments = useDepartments();
  const { data, loading, error } = useMatterSearch({ q, department, level: level === 'all' ? undefined : level, page, pageSize: 10 });

  return (
    <Card size="small" title={t('事项查询', 'Find a matter')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          size="large"
          allowClear
          autoFocus
          prefix={<SearchOutlined />}
          placeholder={t('输入事项名称、部门或关键词，如“救助”“营业执照”', 'Name, department or keyword')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage(1);
          }}
          data-testid="matter-search"
        />
        <Space wrap>
          <Select
            allowClear
            showSearch
            style={{ width: 250 }}
            placeholder={t('全部部门', 'All departments')}
            value={department}
            onChange={(v) => {
              setDepartment(v);
              setPage(1);
            }}
            options={departments.map((d) => ({ value: d.name, label: `${d.name}（${d.items}）` }))}
            data-testid="matter-department"
          />
          <Segmented
            value={level}
            onChange={(v) => {
              setLevel(String(v));
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('全部', 'All') },
              { value: 'township', label: t('乡镇', 'Township') },
              { value: 'county', label: t('县级', 'County') },
              { value: 'city', label: t('市级', 'City') },
            ]}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error.text(lang)} />}
        <Table<MatterSummary>
          size="small"
          rowKey={(r) => `${r.origin}:${r.code}`}
          loading={loading}
          dataSource={data.items}
          scroll={{ x: true }}
          locale={{ emptyText: <Empty description={t('没有找到事项', 'No matter found')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          pagination={{ current: page, pageSize: 10, total: data.total, onChange: setPage, showSizeChanger: false, size: 'small', showTotal: (n) => t(`共 ${n} 项`, `${n} matters`) }}
          rowClassName={(r) => (selected && selected.code === r.code && selected.origin === r.origin ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => onPick(r), style: { cursor: 'pointer' }, 'data-testid': `matter-result-${r.code}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('事项', 'Matter'),
              key: 'name',
              render: (_, r) => (
                <div>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                    {r.code} · {r.department}
                  </div>
                </div>
              ),
            },
            { title: t('决定层级', 'Decided at'), key: 'level', width: 100, render: (_, r) => <DecisionLevelTag level={r.decisionLevel.code} /> },
            {
              title: t('法定 / 承诺', 'Limit (days)'),
              key: 'days',
              width: 96,
              render: (_, r) => (r.caseType.code === '1' && r.committedDays === 0 ? t(`即办（法定 ${r.legalDays} 日）`, `at once (${r.legalDays})`) : t(`${r.legalDays} / ${r.committedDays} 日`, `${r.legalDays} / ${r.committedDays}`)),
            },
          ]}
        />
      </Space>
    </Card>
  );
}

/** Whether the signed-in clerk may take this matter in here (the matter's intake levels include this centre's tier). */
export function intakeAllowedHere(m: MatterDetail, tier: string | undefined): boolean {
  return m.intakeLevels.some((l) => l.code === tier);
}

/** 事项查询: search as you type, read the checklist (一次性告知), print it, or start the intake. */
export function MattersPage() {
  const { lang, t } = useLang();
  const { node, me, has } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const code = params.get('code');
  const origin = params.get('origin');
  const { matter, loading, error } = useMatter(code, origin);
  const tier = node?.tier ?? me?.tier;

  const start = matter && has('township_clerk') && (
    <Tooltip title={intakeAllowedHere(matter, tier) ? undefined : t('该事项不能在本中心收件', 'This matter cannot be taken in at this centre')}>
      <Button type="primary" icon={<FormOutlined />} disabled={!intakeAllowedHere(matter, tier)} onClick={() => navigate(`/counter/intake?item=${matter.code}&origin=${matter.origin}`)} data-testid="start-intake">
        {t('收件', 'Take in')}
      </Button>
    </Tooltip>
  );

  return (
    <Row gutter={16}>
      <Col xs={24} xl={9} className="tb-no-print">
        <MatterSearchPanel selected={code ? { code, origin: origin ?? 'city' } : null} onPick={(m) => setParams({ code: m.code, origin: m.origin })} />
      </Col>
      <Col xs={24} xl={15}>
        {error && <Alert type="error" showIcon title={error.text(lang)} />}
        {loading && !matter && <Spin style={{ display: 'block', margin: 48 }} />}
        {matter ? (
          <Checklist matter={matter} extra={start} />
        ) : (
          !loading && (
            <Card>
              <Empty description={t('在左侧搜索并选择事项，查看一次性告知单', 'Search and pick a matter on the left to read its checklist')} />
            </Card>
          )
        )}
      </Col>
    </Row>
  );
}
