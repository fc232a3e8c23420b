import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { CaseListItem, CasePage } from '../../components/case/types';
import { ApiError } from '../../lib/api';
import { date, dateTime, LIGHT_COLOR, maskId } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useNetwork } from '../../lib/network';
import { useSession } from '../../lib/session';
import { casesWithLights, LightCell, shortName, LIVE_STATUSES } from './cases';

interface TownshipCount {
  code: string;
  live: number;
  red: number;
  yellow: number;
}

/**
 * 乡镇办件 (read only): the cases of the county's townships that the county keeps a copy of, by the
 * township that took them in. A county keeps a copy of every case on its path (a county or city matter
 * taken in at one of its townships); a township's own matters never pass the county and are not here.
 */
export function TownshipCasesPage() {
  const { lang, t } = useLang();
  const { me } = useSession();
  const { nodes, nameOf } = useNetwork();
  const [page, setPage] = useState<CasePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [liveOnly, setLiveOnly] = useState(true);
  const [township, setTownship] = useState<string | undefined>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const status = liveOnly ? LIVE_STATUSES.join(',') : undefined;
      setPage(await casesWithLights('/cases', { status, limit: 500, sort: 'receivedAt', order: 'desc' }, { status }));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      setLoading(false);
    }
  }, [lang, liveOnly]);

  useEffect(() => {
    void load();
  }, [load]);

  const townships = useMemo(() => nodes.filter((n) => n.parent === me!.node), [nodes, me]);
  const items = useMemo(() => page?.items ?? [], [page]);
  const counts = useMemo(() => {
    const by = new Map<string, TownshipCount>(townships.map((n) => [n.code, { code: n.code, live: 0, red: 0, yellow: 0 }]));
    for (const c of items) {
      const row = by.get(c.intakeNode) ?? { code: c.intakeNode, live: 0, red: 0, yellow: 0 };
      if (LIVE_STATUSES.includes(c.status.code)) row.live++;
      if (c.light?.code === 'red') row.red++;
      if (c.light?.code === 'yellow') row.yellow++;
      by.set(c.intakeNode, row);
    }
    return [...by.values()];
  }, [items, townships]);
  const shown = township ? items.filter((c) => c.intakeNode === township) : items;

  const columns: ColumnsType<CaseListItem> = [
    { title: t('收件乡镇', 'Township'), key: 'intake', width: 110, render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{shortName(nameOf(c.intakeNode))}</span> },
    { title: t('时限灯', 'Light'), key: 'light', width: 130, render: (_, c) => <LightCell c={c} /> },
    {
      title: t('办件编号', 'Case number'),
      dataIndex: 'caseNumber',
      width: 250,
      render: (n: string) => (
        <Link to={`/county/cases/${n}`} style={{ fontFamily: 'monospace' }}>
          {n}
        </Link>
      ),
    },
    { title: t('事项', 'Matter'), key: 'item', width: 200, render: (_, c) => c.item.name },
    {
      title: t('申请人', 'Applicant'),
      key: 'applicant',
      width: 170,
      render: (_, c) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <div>{c.applicant.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {maskId(c.applicant.idNumber)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('状态', 'Status'), key: 'status', width: 130, render: (_, c) => <Tag color="blue">{lang === 'zh' ? c.status.zh : c.status.en}</Tag> },
    { title: t('当前承办', 'Held by'), key: 'holder', width: 120, render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{shortName(nameOf(c.holder))}</span> },
    { title: t('收件时间', 'Received'), key: 'received', width: 140, render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{dateTime(c.receivedAt)}</span> },
    { title: t('办结期限', 'Due'), key: 'due', width: 110, render: (_, c) => <span style={{ whiteSpace: 'nowrap' }}>{date(c.deadline ?? c.dueDate)}</span> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={t(
          '本页为只读：县级节点保存经本县办理或转报的办件副本（乡镇收件、县级或市级决定的事项）。乡镇自办事项不经过县级，不在此列。',
          'Read only: the county keeps a copy of each case on its path (taken in at a township, decided by the county or the city). Matters a township decides itself never pass the county and are not listed.',
        )}
      />
      <Row gutter={[16, 16]}>
        {counts.map((c) => (
          <Col xs={12} md={8} xl={6} key={c.code}>
            <Card size="small" hoverable onClick={() => setTownship(township === c.code ? undefined : c.code)} style={township === c.code ? { borderColor: '#c0392b' } : undefined} data-testid={`township-${c.code}`}>
              <Typography.Text strong>{nameOf(c.code)}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <Space size="middle">
                  <span>{t(`在办 ${c.live}`, `${c.live} live`)}</span>
                  <span>
                    <span className="tb-light" style={{ background: LIGHT_COLOR.red }} />
                    {c.red}
                  </span>
                  <span>
                    <span className="tb-light" style={{ background: LIGHT_COLOR.yellow }} />
                    {c.yellow}
                  </span>
                </Space>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t(`乡镇办件（${shown.length} 件）`, `Township cases (${shown.length})`)}
        extra={
          <Space wrap>
            <Select allowClear placeholder={t('全部乡镇', 'All townships')} style={{ width: 160 }} value={township} onChange={setTownship} data-testid="township-filter" options={counts.map((c) => ({ value: c.code, label: nameOf(c.code) }))} />
            <Space size={4}>
              <Switch checked={liveOnly} onChange={setLiveOnly} data-testid="township-live-only" />
              {t('仅在办', 'Live only')}
            </Space>
            <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
              {t('刷新', 'Refresh')}
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {page && page.total > page.items.length && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t(`共 ${page.total} 件，显示最近收件的 ${page.items.length} 件`, `${page.total} cases; the ${page.items.length} latest are shown`)} />}
        <Table
          data-testid="township-cases-table"
          size="small"
          rowKey="caseNumber"
          loading={loading}
          dataSource={shown}
          columns={columns}
          scroll={{ x: true }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('暂无办件', 'No cases') }}
        />
      </Card>
    </Space>
  );
}
